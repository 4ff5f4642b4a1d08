-- Full-text search over conversations (GET /admin/conversations/search). Prisma's schema cannot
-- express an expression index, so this migration is written by hand; the search's query uses the
-- same expression, to_tsvector('english', content), so that PostgreSQL can use the index.
CREATE INDEX "Message_content_search_idx" ON "Message" USING GIN (to_tsvector('english', "content"));
