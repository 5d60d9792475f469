// On AWS CloudHSM the console cannot reach kmsuser (no API does): these are the CloudHSM CLI steps an
// administrator runs for USER_LOCKED_OUT, USER_LOGGED_IN and INVALID_CREDENTIALS. The failed store's fix
// steps link here (#kmsuser-<cluster id>).

const STEPS: { what: string; command: string }[] = [
  {
    what: "Disconnect the key store (KMS stays logged in as kmsuser while connected).",
    command: "aws kms disconnect-custom-key-store --custom-key-store-id <store id>",
  },
  { what: "Start the CloudHSM CLI on a client instance of the cluster.", command: "/opt/cloudhsm/bin/cloudhsm-cli interactive" },
  { what: "Log in as an admin.", command: "login --username admin --role admin" },
  { what: 'See whether kmsuser is locked ("locked": "true").', command: "user list" },
  {
    what: "USER_LOGGED_IN: in the session where kmsuser is logged in, log it out (a logged-in user's password cannot be changed).",
    command: "logout",
  },
  { what: "Set kmsuser's password (this also unlocks it).", command: "user change-password --username kmsuser --role crypto-user" },
  { what: "Log the admin out.", command: "logout" },
  {
    what: "Give KMS the new password, then connect: KMS rotates it again.",
    command: "aws kms update-custom-key-store --custom-key-store-id <store id> --key-store-password <new password>",
  },
  { what: "", command: "aws kms connect-custom-key-store --custom-key-store-id <store id>" },
];

export function KmsuserCliSteps({ clusterId }: { clusterId: string }) {
  return (
    <details id={`kmsuser-${clusterId}`} className="mt-3 border-t pt-3 text-sm">
      <summary className="cursor-pointer font-bold">
        Crypto user <span className="font-mono">kmsuser</span>: unlock, log out or reset it with the CloudHSM CLI
      </summary>
      <ol className="mt-2 list-decimal space-y-2 pl-5">
        {STEPS.map((s) => (
          <li key={s.command + s.what} className={s.what ? undefined : "list-none"}>
            {s.what ? <span>{s.what}</span> : null}
            <pre className="mt-1 overflow-x-auto rounded bg-muted px-2 py-1 font-mono text-xs">
              {s.command.startsWith("aws") || s.command.startsWith("/") ? "$ " : "aws-cloudhsm > "}
              {s.command}
            </pre>
          </li>
        ))}
      </ol>
    </details>
  );
}
