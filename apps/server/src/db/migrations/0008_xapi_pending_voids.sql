CREATE TABLE "xapi_pending_voids" (
	"target_id" uuid NOT NULL,
	"voiding_id" uuid NOT NULL,
	"municipality_id" integer NOT NULL,
	CONSTRAINT "xapi_pending_voids_target_id_voiding_id_pk" PRIMARY KEY("target_id","voiding_id")
);
--> statement-breakpoint
DROP INDEX "xapi_statements_voids_statement_id_index";--> statement-breakpoint
ALTER TABLE "xapi_pending_voids" ADD CONSTRAINT "xapi_pending_voids_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "xapi_pending_voids" ("target_id", "voiding_id", "municipality_id")
  SELECT v."voids_statement_id", v."id", v."municipality_id" FROM "xapi_statements" v
  WHERE v."voids_statement_id" IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM "xapi_statements" t WHERE t."id" = v."voids_statement_id");
