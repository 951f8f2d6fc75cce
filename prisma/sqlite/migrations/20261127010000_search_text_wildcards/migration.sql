-- SQLite only, data only: "%" and "_" in the search text are stored as the private-use
-- characters U+E000 and U+E001, and a searched q is encoded the same way, so they match only
-- themselves under Prisma's LIKE (which names no ESCAPE character). See encodeLikeWildcards in
-- src/store/repositories/activity-repository.ts. This encodes the rows stored before.
UPDATE "Activity"
SET "searchText" = replace(replace("searchText", '%', char(57344)), '_', char(57345))
WHERE "searchText" IS NOT NULL AND (instr("searchText", '%') > 0 OR instr("searchText", '_') > 0);
