// CreateKey failures: what they mean and how to fix them, shown in the key-creation wizard.

export const CREATE_KEY_ERROR_HELP: Record<string, { cause: string; fix: string }> = {
  CustomKeyStoreInvalidStateException: {
    cause: "The custom key store is not connected. KMS creates keys only in a CONNECTED key store.",
    fix: "Open the key store and connect it, then finish the wizard again.",
  },
  CloudHsmClusterInvalidConfigurationException: {
    cause: "The key store's cluster does not have at least two active HSMs in different Availability Zones, which creating a key needs.",
    fix: "Add an HSM in another Availability Zone on the Clusters page, then try again.",
  },
  CustomKeyStoreNotFoundException: {
    cause: "The custom key store does not exist any more.",
    fix: "Go back to the key store step and choose another store.",
  },
  MalformedPolicyDocumentException: {
    cause: "KMS refused the key policy: it is not valid, or it would stop you from managing the key.",
    fix: "Fix the policy on the review step, or reset it to the generated one.",
  },
  LimitExceededException: {
    cause: "A quota was exceeded (keys in the account, or the key policy size).",
    fix: "Delete unused keys or shorten the policy.",
  },
  TagException: { cause: "One of the tags is not valid.", fix: "Check the tags step: keys beginning with aws: are reserved." },
  AlreadyExistsException: { cause: "The alias is already used by another key.", fix: "Choose another alias on the labels step." },
  AccessDeniedException: { cause: "You are not allowed to create keys.", fix: "Ask an administrator for kms:CreateKey permission." },
  XksKeyNotFoundException: {
    cause: "The external key store's proxy has no external key with this ID (or does not serve it on the store's URI path).",
    fix: "Check the external key ID in your external key manager; with the local proxy, create it on the External keys page.",
  },
  XksKeyInvalidConfigurationException: {
    cause: "The external key cannot back a KMS key: it must be an AES_256 key, ENABLED, whose usage includes ENCRYPT and DECRYPT.",
    fix: "Enable the external key or choose another one in the external key store step.",
  },
  XksKeyAlreadyInUseException: {
    cause: "Another KMS key in this external key store already uses this external key. Each external key backs one KMS key per store.",
    fix: "Choose another external key, or use the existing KMS key.",
  },
};
