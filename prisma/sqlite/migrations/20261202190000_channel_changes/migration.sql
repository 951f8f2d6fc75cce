-- Each replica asks once a second which channels changed lately (updatedAt), instead of
-- reading every active channel again every second.
-- CreateIndex
CREATE INDEX "Channel_updatedAt_idx" ON "Channel"("updatedAt");
