import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { afterAnswer } from '../../src/shared/after-answer.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('afterAnswer', () => {
  it('starts the work only after the microtasks in which a route sends its answer', async () => {
    const order: string[] = [];
    afterAnswer(createLogger('silent'), 'unused', async () => {
      order.push('work');
    });
    await Promise.resolve().then(() => order.push('answer sent'));
    expect(order).toEqual(['answer sent']);
    await nextTurn();
    expect(order).toEqual(['answer sent', 'work']);
  });

  it('logs a failure of the work instead of throwing it', async () => {
    const lines: string[] = [];
    const destination = new PassThrough().on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    afterAnswer(createLogger('info', { destination }), 'password reset mail not queued', () => Promise.reject(new Error('smtp down')));
    await nextTurn();
    await nextTurn();
    const logged = JSON.parse(lines.join('')) as { level: number; msg: string; err: { message: string } };
    expect(logged).toMatchObject({ level: 50, msg: 'password reset mail not queued', err: { message: 'smtp down' } });
  });
});
