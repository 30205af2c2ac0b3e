import type { SubjectCode } from '@edukarte/shared';
import type { ClassModel, SchoolModel, StaffModel, World, YearModel } from './model.ts';
import { staffingKey } from './model.ts';
import { createStaff } from './people.ts';
import type { Rng } from './rng.ts';

/** 中学校 subjects taught by 教科担任 (5 core subjects need several teachers). */
const JH_SUBJECTS: readonly SubjectCode[] = [
  'JPN',
  'SOC',
  'MATH',
  'SCI',
  'ENG',
  'MUSIC',
  'ART',
  'PE',
  'TECH',
];
const JH_CORE = new Set<SubjectCode>(['JPN', 'SOC', 'MATH', 'SCI', 'ENG']);

interface Pool {
  principal: StaffModel | null;
  vicePrincipal: StaffModel | null;
  nurse: StaffModel | null;
  teachers: StaffModel[];
}

/**
 * Staff in every duty, year by year, with 人事異動 (about one teacher in eight leaves a school each
 * April, half of them to another school of the city): principal, vice principal, nurse, one
 * homeroom teacher per class, subject teachers (中) and a music 専科 (小).
 */
export function buildStaff(world: World): void {
  const pools = new Map<number, Pool>();
  for (const year of world.years) {
    const rng = world.rng.fork('staff', year.fy);
    const movers = new Map<SchoolModel['kind'], StaffModel[]>([
      ['elementary', []],
      ['junior_high', []],
    ]);
    for (const school of world.schools) {
      const pool = pools.get(school.id);
      if (!pool) continue;
      pool.teachers = pool.teachers.filter((t) => {
        if (!rng.chance(0.12)) return true;
        if (rng.chance(0.5)) movers.get(school.kind)?.push(t);
        return false;
      });
      if (rng.chance(0.3)) pool.principal = null;
      if (rng.chance(0.3)) pool.vicePrincipal = null;
      if (rng.chance(0.12)) pool.nurse = null;
    }
    for (const school of world.schools) {
      const pool = pools.get(school.id) ?? {
        principal: null,
        vicePrincipal: null,
        nurse: null,
        teachers: [],
      };
      pools.set(school.id, pool);
      const classes = world.classes.filter((k) => k.school === school && k.year === year);
      pool.principal ??= createStaff(world, rng.int(52, 59), null, year.start);
      pool.vicePrincipal ??= createStaff(world, rng.int(47, 55), null, year.start);
      pool.nurse ??= createStaff(world, rng.int(24, 58), null, year.start);
      const take = (subject: SubjectCode | null): StaffModel => {
        const list = movers.get(school.kind) ?? [];
        const i = list.findIndex((t) => t.subject === subject);
        const moved = i >= 0 ? list.splice(i, 1)[0] : undefined;
        return moved ?? createStaff(world, rng.int(23, 60), subject, year.start);
      };
      if (school.kind === 'junior_high') {
        for (const subject of JH_SUBJECTS) {
          const need = JH_CORE.has(subject)
            ? Math.max(1, Math.ceil(classes.length / 4))
            : subject === 'PE' && classes.length > 9
              ? 2
              : 1;
          while (pool.teachers.filter((t) => t.subject === subject).length < need)
            pool.teachers.push(take(subject));
        }
      } else {
        if (!pool.teachers.some((t) => t.subject === 'MUSIC')) pool.teachers.push(take('MUSIC'));
      }
      const homeroomCandidates = () =>
        pool.teachers.filter((t) => school.kind === 'junior_high' || t.subject === null);
      while (homeroomCandidates().length < classes.length + (school.kind === 'elementary' ? 1 : 0))
        pool.teachers.push(take(school.kind === 'junior_high' ? rng.pick(JH_SUBJECTS) : null));
      assignYear(world, rng, school, year, classes, pool, homeroomCandidates());
    }
  }
}

function assignYear(
  world: World,
  rng: Rng,
  school: SchoolModel,
  year: YearModel,
  classes: ClassModel[],
  pool: Pool,
  candidates: StaffModel[],
): void {
  const { loader, ids } = world;
  const principal = pool.principal;
  const vicePrincipal = pool.vicePrincipal;
  const nurse = pool.nurse;
  if (!principal || !vicePrincipal || !nurse) throw new Error('staffing incomplete');
  world.staffing.set(staffingKey(school, year), {
    principal,
    vicePrincipal,
    nurse,
    teachers: [...pool.teachers],
  });
  const duty = (person: StaffModel, d: string) =>
    loader.add('staff_assignments', [ids.take('staff_assignments'), school.id, year.id, person.id, d]);
  const teach = (klass: ClassModel, person: StaffModel, role: string) =>
    loader.add('class_teachers', [school.id, klass.id, person.id, role]);
  duty(principal, 'principal');
  duty(vicePrincipal, 'vice_principal');
  duty(nurse, 'nurse');

  const order = rng.shuffle([...candidates]);
  const homerooms = new Set<StaffModel>();
  const firstOfGrade = new Set<number>();
  classes.forEach((klass, i) => {
    const teacher = order[i];
    if (!teacher) return;
    klass.homeroom = teacher;
    homerooms.add(teacher);
    teach(klass, teacher, 'homeroom');
    duty(teacher, 'homeroom_teacher');
    if (!klass.special && !firstOfGrade.has(klass.grade)) {
      firstOfGrade.add(klass.grade);
      duty(teacher, 'head_teacher'); // 学年主任
    }
  });
  if (school.kind === 'junior_high') {
    const load = new Map<StaffModel, number>();
    for (const t of pool.teachers) if (t.subject) duty(t, 'subject_teacher');
    for (const klass of classes)
      for (const subject of JH_SUBJECTS) {
        const teacher = pool.teachers
          .filter((t) => t.subject === subject)
          .sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || a.id - b.id)[0];
        if (!teacher) continue;
        load.set(teacher, (load.get(teacher) ?? 0) + 1);
        klass.subjectTeachers.set(subject, teacher);
        if (teacher !== klass.homeroom) teach(klass, teacher, 'subject');
      }
  } else {
    for (const t of pool.teachers) {
      if (homerooms.has(t)) continue;
      duty(t, 'subject_teacher');
      for (const klass of classes) {
        if (t.subject === 'MUSIC' && klass.grade >= 3 && !klass.special) {
          klass.subjectTeachers.set('MUSIC', t);
          teach(klass, t, 'subject'); // 音楽専科
        } else if (t.subject === null && (klass.special || klass.grade === 1)) teach(klass, t, 'assistant'); // 少人数・TT
      }
    }
  }
}
