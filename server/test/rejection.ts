/** The error a promise rejects with; fails the test if it resolves instead. */
export async function rejectionOf<E = Error>(promise: Promise<unknown>): Promise<E> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)?.slice(0, 200)}`);
    },
    (error: unknown) => error as E,
  );
}
