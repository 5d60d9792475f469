// `npm run reset-admin-password [user]`: sets a new console password for a user (default "admin"),
// from KEYHOLD_ADMIN_PASSWORD or generated and printed once, and signs that user out everywhere.
// It touches only the database, so it is safe while the console runs.
import { generatePassword } from "@/lib/server/platform/identity/generate-password.ts";
import { resetPassword } from "@/lib/server/platform/identity/reset-password.ts";

const userName = process.argv[2] ?? "admin";
const given = process.env.KEYHOLD_ADMIN_PASSWORD;
const newPassword = given?.length ? given : generatePassword();

resetPassword({ userName, newPassword }).then(
  () => {
    if (given) console.log(`Password of "${userName}" set from KEYHOLD_ADMIN_PASSWORD; their sessions have ended.`);
    else console.log(`New password of "${userName}" (shown once, never stored):\n\n    ${newPassword}\n`);
    process.exit(0);
  },
  (e: unknown) => {
    const message = e && typeof e === "object" && "safeMessage" in e ? String(e.safeMessage) : String(e);
    console.error(`Could not reset the password: ${message}`);
    process.exit(1);
  },
);
