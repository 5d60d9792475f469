import type { FieldErrors } from "@/lib/console/use-schema-form.ts";
import type { Tag } from "@/lib/schemas/keys.ts";

/** What the key-creation wizard collects, step by step. */
export type CreateKeyForm = {
  origin: "AWS_KMS" | "AWS_CLOUDHSM" | "EXTERNAL_KEY_STORE";
  customKeyStoreId: string;
  /** EXTERNAL_KEY_STORE only: the key's id in the store's proxy, and the admin's confirmation. */
  xksKeyId: string;
  xksConfirmed: boolean;
  alias: string;
  description: string;
  tags: Tag[];
  keyAdministrators: string[];
  allowAdminsToDelete: boolean;
  keyUsers: string[];
  otherAccounts: string[];
  policy: string;
};

/** What every step of the wizard gets: the form, a setter for one field, and the field errors. */
export type CreateKeyStepProps = {
  form: CreateKeyForm;
  update: <K extends keyof CreateKeyForm>(key: K, value: CreateKeyForm[K]) => void;
  errors: FieldErrors;
};
