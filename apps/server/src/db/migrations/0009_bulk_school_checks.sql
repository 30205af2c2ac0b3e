ALTER TABLE "drill_answers" DROP CONSTRAINT "drill_answers_school_id_schools_id_fk";
--> statement-breakpoint
ALTER TABLE "drill_daily" DROP CONSTRAINT "drill_daily_school_id_schools_id_fk";
--> statement-breakpoint
ALTER TABLE "ict_usage" DROP CONSTRAINT "ict_usage_school_id_schools_id_fk";
--> statement-breakpoint
ALTER TABLE "ict_usage_daily" DROP CONSTRAINT "ict_usage_daily_school_id_schools_id_fk";
--> statement-breakpoint
ALTER TABLE "interactions" DROP CONSTRAINT "interactions_school_id_schools_id_fk";
--> statement-breakpoint
ALTER TABLE "xapi_statements" DROP CONSTRAINT "xapi_statements_municipality_id_municipalities_id_fk";
--> statement-breakpoint
ALTER TABLE "xapi_statements" DROP CONSTRAINT "xapi_statements_school_id_schools_id_fk";
--> statement-breakpoint
-- The tables the xAPI ingest writes 1,000 rows at a time check their school_id (and
-- xapi_statements its municipality_id) once per statement, over the statement's new rows, instead
-- of a foreign key's lookup per row. The guarantee is a foreign key's: an unknown id fails the
-- write with 23503; the referenced rows are locked FOR KEY SHARE until commit; a school or
-- municipality still referenced cannot be deleted or renumbered.
CREATE OR REPLACE FUNCTION edukarte_check_new_rows_refs() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  missing integer;
BEGIN
  PERFORM 1 FROM schools s WHERE s.id IN (SELECT DISTINCT n.school_id FROM new_rows n) FOR KEY SHARE;
  SELECT n.school_id INTO missing FROM new_rows n
  WHERE n.school_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM schools s WHERE s.id = n.school_id)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "%" violates the school check: school_id % is not in schools',
      TG_TABLE_NAME, missing USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, COLUMN = 'school_id';
  END IF;
  IF TG_TABLE_NAME = 'xapi_statements' THEN
    PERFORM 1 FROM municipalities m WHERE m.id IN (SELECT DISTINCT n.municipality_id FROM new_rows n) FOR KEY SHARE;
    SELECT n.municipality_id INTO missing FROM new_rows n
    WHERE NOT EXISTS (SELECT 1 FROM municipalities m WHERE m.id = n.municipality_id)
    LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'insert or update on table "%" violates the municipality check: municipality_id % is not in municipalities',
        TG_TABLE_NAME, missing USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, COLUMN = 'municipality_id';
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- An UPDATE that changes the id (nothing in edukarte does) is checked row by row.
CREATE OR REPLACE FUNCTION edukarte_check_changed_row_refs() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.school_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM schools s WHERE s.id = NEW.school_id FOR KEY SHARE) THEN
    RAISE EXCEPTION 'update on table "%" violates the school check: school_id % is not in schools',
      TG_TABLE_NAME, NEW.school_id USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME, COLUMN = 'school_id';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edukarte_check_changed_statement_municipality() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM municipalities m WHERE m.id = NEW.municipality_id FOR KEY SHARE) THEN
    RAISE EXCEPTION 'update on table "xapi_statements" violates the municipality check: municipality_id % is not in municipalities',
      NEW.municipality_id USING ERRCODE = 'foreign_key_violation', TABLE = 'xapi_statements', COLUMN = 'municipality_id';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['drill_answers', 'drill_daily', 'interactions', 'ict_usage', 'ict_usage_daily', 'xapi_statements'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION edukarte_check_new_rows_refs()', t || '_refs_check', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OF school_id ON %I
      FOR EACH ROW WHEN (NEW.school_id IS DISTINCT FROM OLD.school_id)
      EXECUTE FUNCTION edukarte_check_changed_row_refs()', t || '_school_change_check', t);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE TRIGGER xapi_statements_municipality_change_check BEFORE UPDATE OF municipality_id ON xapi_statements
  FOR EACH ROW WHEN (NEW.municipality_id IS DISTINCT FROM OLD.municipality_id)
  EXECUTE FUNCTION edukarte_check_changed_statement_municipality();
--> statement-breakpoint
-- The other side of the check: a school or municipality still referenced stays.
CREATE OR REPLACE FUNCTION edukarte_keep_referenced_school() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t text;
  found_one boolean;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  FOREACH t IN ARRAY ARRAY['drill_answers', 'drill_daily', 'interactions', 'ict_usage', 'ict_usage_daily', 'xapi_statements'] LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE school_id = $1)', t) INTO found_one USING OLD.id;
    IF found_one THEN
      RAISE EXCEPTION 'update or delete on table "schools" violates the school check of table "%": school % is still referenced',
        t, OLD.id USING ERRCODE = 'foreign_key_violation', TABLE = t, COLUMN = 'school_id';
    END IF;
  END LOOP;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER schools_keep_referenced BEFORE DELETE OR UPDATE OF id ON schools
  FOR EACH ROW EXECUTE FUNCTION edukarte_keep_referenced_school();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edukarte_keep_referenced_municipality() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM xapi_statements WHERE municipality_id = OLD.id) THEN
    RAISE EXCEPTION 'update or delete on table "municipalities" violates the municipality check of table "xapi_statements": municipality % is still referenced',
      OLD.id USING ERRCODE = 'foreign_key_violation', TABLE = 'xapi_statements', COLUMN = 'municipality_id';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
CREATE TRIGGER municipalities_keep_referenced BEFORE DELETE OR UPDATE OF id ON municipalities
  FOR EACH ROW EXECUTE FUNCTION edukarte_keep_referenced_municipality();
