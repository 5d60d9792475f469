-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "KeyStoreMembership";
PRAGMA foreign_keys=on;
