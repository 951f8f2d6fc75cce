-- The five (workspace, …, occurredAt, id) indexes of Activity become ascending. Activities
-- arrive in time order, so a descending index takes every new entry at the left edge of its
-- range, where a B-tree splits pages without the append fast path (SQLite's balance_quick,
-- PostgreSQL's cached rightmost leaf); an ascending one takes them at the right edge. Reads are
-- unchanged: "newest first" scans the same index backwards. Measured on SQLite: WAL pages
-- written per 15-row group commit fell from 97 to 84.
-- DropIndex
DROP INDEX "Activity_workspaceId_occurredAt_id_idx";
-- DropIndex
DROP INDEX "Activity_workspaceId_type_occurredAt_id_idx";
-- DropIndex
DROP INDEX "Activity_workspaceId_initiatorId_occurredAt_id_idx";
-- DropIndex
DROP INDEX "Activity_workspaceId_recipientId_occurredAt_id_idx";
-- DropIndex
DROP INDEX "Activity_workspaceId_channelId_occurredAt_id_idx";
-- CreateIndex
CREATE INDEX "Activity_workspaceId_occurredAt_id_idx" ON "Activity"("workspaceId", "occurredAt", "id");
-- CreateIndex
CREATE INDEX "Activity_workspaceId_type_occurredAt_id_idx" ON "Activity"("workspaceId", "type", "occurredAt", "id");
-- CreateIndex
CREATE INDEX "Activity_workspaceId_initiatorId_occurredAt_id_idx" ON "Activity"("workspaceId", "initiatorId", "occurredAt", "id");
-- CreateIndex
CREATE INDEX "Activity_workspaceId_recipientId_occurredAt_id_idx" ON "Activity"("workspaceId", "recipientId", "occurredAt", "id");
-- CreateIndex
CREATE INDEX "Activity_workspaceId_channelId_occurredAt_id_idx" ON "Activity"("workspaceId", "channelId", "occurredAt", "id");
