/**
 * The pretrained networks that ship with the site (public/weights/, made by `lenet train`),
 * loaded once per page and shared by every widget on it. Loading goes through the engine's
 * weights format, which refuses a truncated, corrupt or foreign file with a clear message.
 */
import { loadWeights, Model, VARIANTS, type VariantName } from '../../engine/index.ts';

/** Where the shipped weights of a variant (or another file in public/weights/) are served, below the site's base path. */
export function pretrainedUrl(variant: VariantName, file = `${variant}.bin`): string {
  return `${import.meta.env.BASE_URL}weights/${file}`;
}

const loading = new Map<string, Promise<Model>>();

export function loadPretrained(variant: VariantName, url = pretrainedUrl(variant)): Promise<Model> {
  let model = loading.get(url);
  if (!model) {
    model = (async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
      const net = new Model(VARIANTS[variant].spec());
      loadWeights(net, new Uint8Array(await response.arrayBuffer()), url);
      return net;
    })();
    // A failed load may be retried; a successful one is kept for the page's lifetime.
    model.catch(() => loading.delete(url));
    loading.set(url, model);
  }
  return model;
}
