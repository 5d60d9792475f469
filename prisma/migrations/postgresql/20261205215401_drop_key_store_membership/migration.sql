-- DropTable
DROP TABLE "KeyStoreMembership";
