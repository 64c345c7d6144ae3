/**
 * Remembers expensive reads for the lifetime of one request, so a field asked for many times (by
 * aliases) is computed once. Never shared between requests: the data changes.
 */
export class RequestMemo {
  private readonly values = new Map<string, Promise<unknown>>();

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let value = this.values.get(key) as Promise<T> | undefined;
    if (!value) {
      value = compute();
      this.values.set(key, value);
    }
    return value;
  }
}
