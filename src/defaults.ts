/**
 * Options merged with their defaults
 * ==================================
 *
 * One idiom for every `Partial<Options>` a function takes: `resolveDefaults(DEFAULTS, options)`.
 * A key the caller leaves out *or passes as `undefined`* keeps its default. A plain spread
 * (`{ ...DEFAULTS, ...options }`) would let an explicit `undefined`, as a CLI passes for an
 * option the user did not give, replace the default.
 */

/**
 * `defaults` with every key of `options` whose value is not `undefined` laid over it. Returns a
 * new object; neither argument is changed. Nested objects are not merged. (`T` is the type of
 * `defaults`: inferred from `options` too, it would come out all optional.)
 */
export function resolveDefaults<T extends object>(defaults: Readonly<T>, options: Readonly<Partial<NoInfer<T>>> | undefined): T {
  const resolved = { ...defaults } as T;
  if (options) {
    for (const key of Object.keys(options) as (keyof T)[]) {
      const value = options[key];
      if (value !== undefined) resolved[key] = value as T[keyof T];
    }
  }
  return resolved;
}

/** `options` without its `undefined` values (for an options object handed on to a callee). */
export function definedOnly<T extends object>(options: Readonly<T>): Partial<T> {
  const defined: Partial<T> = {};
  for (const key of Object.keys(options) as (keyof T)[]) {
    const value = options[key];
    if (value !== undefined) defined[key] = value;
  }
  return defined;
}
