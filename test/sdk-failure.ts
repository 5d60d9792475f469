// What an SDK call failed with: the wire error name, message and HTTP status (undefined if it succeeded).
export type SdkFailure = { name: string; message: string; status?: number };

export async function failure(promise: Promise<unknown>): Promise<SdkFailure | undefined> {
  try {
    await promise;
    return undefined;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
}

/** The error a promise rejects with, as thrown (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, any>;
  }
  throw new Error("expected the call to fail");
}
