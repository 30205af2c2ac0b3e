ALTER TABLE "xapi_statements" ALTER COLUMN "verb_id" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "xapi_statements" ALTER COLUMN "actor_key" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "xapi_statements" ALTER COLUMN "activity_id" SET DATA TYPE text COLLATE "C";