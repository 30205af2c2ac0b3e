-- Row-level security: the database itself keeps every request inside the caller's schools.
-- The application runs each signed-in request in a transaction that does
--   SET LOCAL ROLE edukarte_scoped | edukarte_board
--   set_config('edukarte.school_ids', '1,2', true)      -- schools whose rows may be read
--   set_config('edukarte.student_id', '42', true)       -- when set: only this child's rows
--   set_config('edukarte.caller_is_student', 'true', true) -- a pupil: staff-only tables disappear
--   set_config('edukarte.person_id', '7', true)         -- the caller (author-only notes)
-- (see src/db/scope.ts). A handler that forgets a WHERE school_id still cannot read another school.
DO $$ BEGIN
  CREATE ROLE edukarte_scoped NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  CREATE ROLE edukarte_board NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
-- The connecting user must be able to SET ROLE to both (a superuser, or the user that created them).
DO $$ BEGIN
  EXECUTE format('GRANT edukarte_scoped, edukarte_board TO %I', current_user);
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edukarte_scope_schools() RETURNS integer[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_to_array(nullif(current_setting('edukarte.school_ids', true), ''), ',')::integer[], '{}'::integer[])
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edukarte_scope_student() RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('edukarte.student_id', true), '')::integer
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edukarte_caller_is_student() RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT coalesce(current_setting('edukarte.caller_is_student', true), '') = 'true'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION edukarte_scope_person() RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT nullif(current_setting('edukarte.person_id', true), '')::integer
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO edukarte_scoped, edukarte_board;
--> statement-breakpoint
GRANT SELECT ON municipalities, schools, school_years, terms, grade_levels, learning_units, learning_tools,
  surveys, survey_items, survey_administrations, assessments, assessment_items, alert_rules, notices,
  connected_systems, practice_cases TO edukarte_scoped, edukarte_board;
--> statement-breakpoint
GRANT INSERT, UPDATE ON practice_cases, surveys, survey_items, survey_administrations TO edukarte_scoped;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON instruction_days, classes, class_closures, enrollments, staff_assignments,
  class_teachers, people, source_identities, attendance_marks, attendance_rolls, health_observations, nurse_visits,
  teacher_notes, teaching_plans, assessment_results, assessment_item_results, grade_records, qu_results,
  survey_responses, survey_answers, mood_checkins, drill_answers, drill_daily, interactions, ict_usage,
  ict_usage_daily, portfolio_items, portfolio_comments, alerts TO edukarte_scoped;
--> statement-breakpoint
GRANT SELECT, INSERT ON access_audit TO edukarte_scoped;
--> statement-breakpoint
GRANT INSERT ON access_audit TO edukarte_board;
--> statement-breakpoint
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO edukarte_scoped, edukarte_board;
--> statement-breakpoint
-- The board reads de-identified data only: no names, no free text that could name a child, no teacher
-- notes, nurse visits, Q-U, alerts or audit rows. Free-text columns are left out of the column grants.
GRANT SELECT ON instruction_days, classes, class_closures, enrollments, staff_assignments, attendance_rolls,
  assessment_results, assessment_item_results, grade_records, survey_responses, drill_answers, drill_daily,
  interactions, ict_usage, ict_usage_daily TO edukarte_board;
--> statement-breakpoint
GRANT SELECT (school_id, student_id, date, category, symptoms) ON attendance_marks TO edukarte_board;
--> statement-breakpoint
GRANT SELECT (school_id, student_id, date, symptoms, temperature) ON health_observations TO edukarte_board;
--> statement-breakpoint
GRANT SELECT (school_id, student_id, date, moment, weather, wants_to_talk) ON mood_checkins TO edukarte_board;
--> statement-breakpoint
GRANT SELECT (school_id, response_id, item_id, value_number) ON survey_answers TO edukarte_board;
--> statement-breakpoint
GRANT SELECT (id, municipality_id, kind, birth_date, sex, pseudonym) ON people TO edukarte_board;
--> statement-breakpoint
ALTER TABLE instruction_days ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY instruction_days_scope ON instruction_days USING (school_id = ANY (edukarte_scope_schools())) WITH CHECK (school_id = ANY (edukarte_scope_schools()));
--> statement-breakpoint
ALTER TABLE classes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY classes_scope ON classes USING (school_id = ANY (edukarte_scope_schools())) WITH CHECK (school_id = ANY (edukarte_scope_schools()));
--> statement-breakpoint
ALTER TABLE class_closures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY class_closures_scope ON class_closures USING (school_id = ANY (edukarte_scope_schools())) WITH CHECK (school_id = ANY (edukarte_scope_schools()));
--> statement-breakpoint
ALTER TABLE enrollments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY enrollments_scope ON enrollments USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE staff_assignments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY staff_assignments_scope ON staff_assignments USING (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student()) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student());
--> statement-breakpoint
ALTER TABLE class_teachers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY class_teachers_scope ON class_teachers USING (school_id = ANY (edukarte_scope_schools())) WITH CHECK (school_id = ANY (edukarte_scope_schools()));
--> statement-breakpoint
ALTER TABLE attendance_marks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY attendance_marks_scope ON attendance_marks USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE attendance_rolls ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY attendance_rolls_scope ON attendance_rolls USING (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student()) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student());
--> statement-breakpoint
ALTER TABLE health_observations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY health_observations_scope ON health_observations USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE nurse_visits ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY nurse_visits_scope ON nurse_visits USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE teaching_plans ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY teaching_plans_scope ON teaching_plans USING (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student()) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student());
--> statement-breakpoint
ALTER TABLE assessment_results ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY assessment_results_scope ON assessment_results USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE assessment_item_results ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY assessment_item_results_scope ON assessment_item_results USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE grade_records ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY grade_records_scope ON grade_records USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE qu_results ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY qu_results_scope ON qu_results USING (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student() AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student());
--> statement-breakpoint
ALTER TABLE survey_responses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY survey_responses_scope ON survey_responses USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR respondent_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR respondent_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE mood_checkins ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY mood_checkins_scope ON mood_checkins USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE drill_answers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY drill_answers_scope ON drill_answers USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE drill_daily ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY drill_daily_scope ON drill_daily USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE interactions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY interactions_scope ON interactions USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR actor_id = edukarte_scope_student() OR target_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR actor_id = edukarte_scope_student() OR target_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE ict_usage ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY ict_usage_scope ON ict_usage USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR person_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR person_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE ict_usage_daily ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY ict_usage_daily_scope ON ict_usage_daily USING (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student()) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student());
--> statement-breakpoint
ALTER TABLE portfolio_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY portfolio_items_scope ON portfolio_items USING (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()));
--> statement-breakpoint
ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alerts_scope ON alerts USING (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student() AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student());
--> statement-breakpoint
ALTER TABLE survey_answers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY survey_answers_scope ON survey_answers USING (school_id = ANY (edukarte_scope_schools()) AND EXISTS (SELECT 1 FROM survey_responses r WHERE r.school_id = survey_answers.school_id AND r.id = survey_answers.response_id)) WITH CHECK (school_id = ANY (edukarte_scope_schools()));
--> statement-breakpoint
ALTER TABLE portfolio_comments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY portfolio_comments_scope ON portfolio_comments USING (school_id = ANY (edukarte_scope_schools()) AND EXISTS (SELECT 1 FROM portfolio_items i WHERE i.school_id = portfolio_comments.school_id AND i.id = portfolio_comments.item_id)) WITH CHECK (school_id = ANY (edukarte_scope_schools()));
--> statement-breakpoint
-- A note marked 'author' is readable by its author only; students never read teacher notes.
ALTER TABLE teacher_notes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY teacher_notes_scope ON teacher_notes USING (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student() AND (edukarte_scope_student() IS NULL OR student_id = edukarte_scope_student()) AND (visibility <> 'author' OR author_id = edukarte_scope_person())) WITH CHECK (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student() AND author_id = edukarte_scope_person());
--> statement-breakpoint
-- People are visible through an enrollment or staff assignment the caller can see (both rows are RLS-scoped).
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY people_scope ON people USING (
  EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = people.id)
  OR (NOT edukarte_caller_is_student() AND EXISTS (SELECT 1 FROM staff_assignments s WHERE s.person_id = people.id))
);
--> statement-breakpoint
ALTER TABLE source_identities ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY source_identities_scope ON source_identities USING (NOT edukarte_caller_is_student() AND EXISTS (SELECT 1 FROM people p WHERE p.id = source_identities.person_id));
--> statement-breakpoint
ALTER TABLE access_audit ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY access_audit_insert ON access_audit FOR INSERT WITH CHECK (school_id IS NULL OR school_id = ANY (edukarte_scope_schools()));
--> statement-breakpoint
CREATE POLICY access_audit_read ON access_audit FOR SELECT USING (school_id = ANY (edukarte_scope_schools()) AND NOT edukarte_caller_is_student());
