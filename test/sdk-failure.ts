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
