import { z } from "zod";

/** The kmsuser password: 7–32 alphanumeric characters, case-sensitive, no special characters. */
export const ZKmsuserPasswordShape = z
  .string()
  .min(7, "The kmsuser password has at least 7 characters.")
  .max(32, "The kmsuser password has at most 32 characters.")
  .regex(/^[A-Za-z0-9]+$/, "Use letters and digits only: the kmsuser password cannot contain special characters.");
