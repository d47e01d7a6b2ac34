import { describe, expect, test } from 'vitest';
import { strokeWidth, strokesBox } from '../../src/widgets/playground/model.ts';

describe('playground strokes', () => {
  test('bounding box and a stroke width an eighth of the longer side', () => {
    const strokes = [[{ x: 10, y: 20 }, { x: 30, y: 180 }], [{ x: 50, y: 60 }]];
    expect(strokesBox(strokes)).toEqual({ left: 10, top: 20, right: 50, bottom: 180 });
    expect(strokeWidth(strokes)).toBe(20);
    expect(strokeWidth([[{ x: 5, y: 5 }]])).toBe(4);
    expect(strokesBox([])).toBeNull();
  });
});
