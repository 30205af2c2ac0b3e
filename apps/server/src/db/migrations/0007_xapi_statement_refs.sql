ALTER TABLE "ict_usage" ADD COLUMN "statement_id" uuid;--> statement-breakpoint
ALTER TABLE "interactions" ADD COLUMN "statement_id" uuid;--> statement-breakpoint
ALTER TABLE "xapi_statements" ADD COLUMN "object_statement_id" uuid;--> statement-breakpoint
CREATE INDEX "xapi_statements_voids_statement_id_index" ON "xapi_statements" USING btree ("voids_statement_id") WHERE "xapi_statements"."voids_statement_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "xapi_statements_object_statement_id_index" ON "xapi_statements" USING btree ("object_statement_id") WHERE "xapi_statements"."object_statement_id" IS NOT NULL;--> statement-breakpoint
UPDATE "xapi_statements" SET "object_statement_id" = ("statement" -> 'object' ->> 'id')::uuid
  WHERE "statement" -> 'object' ->> 'objectType' = 'StatementRef';
