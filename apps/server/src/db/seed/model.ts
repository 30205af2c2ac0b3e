import type { AttendanceCategory, SubjectCode } from '@edukarte/shared';
import type { DayNumber } from './calendar.ts';
import type { Loader } from './loader.ts';
import type { PersonName } from './names.ts';
import type { SizeProfile } from './profile.ts';
import type { Rng } from './rng.ts';

/** The in-memory municipality the generator builds before (and while) it writes rows. */
export type SchoolKind = 'elementary' | 'junior_high';

export interface SchoolModel {
  id: number;
  /** position among schools of the same kind */
  index: number;
  kind: SchoolKind;
  code: string;
  name: string;
  /** e.g. 中央小 */
  shortName: string;
  /** 小: index of the 中学校 its pupils go on to */
  juniorHighIndex: number | null;
  /** 開校記念日 (a day off that differs per school), MM-DD */
  anniversary: string;
}

export interface YearModel {
  fy: number;
  id: number;
  title: string;
  start: DayNumber;
  end: DayNumber;
  /** the last day that has data: min(asOf, 3/31) */
  dataEnd: DayNumber;
  /** the year ended before asOf (rollover done) */
  complete: boolean;
  /** municipality instruction days (the whole year, also after asOf) */
  days: DayNumber[];
  termIds: number[];
}

export interface Mark {
  category: AttendanceCategory;
  reason: string | null;
  symptoms: string[];
  disease: string | null;
  note: string | null;
}

export interface StudentTraits {
  /** latent ability θ in the first year; later years in StudentModel.ability */
  ability: number;
  /** how much the child practises with drills (≈1 on average) */
  diligence: number;
  /** sick episodes per year */
  sickness: number;
  /** 遅刻 per year */
  lateness: number;
  /** probability of a rainy/stormy mood on an ordinary day */
  gloom: number;
  /** nurse visits per year */
  nurseVisits: number;
  /** weight with which classmates look at this child's work */
  sociability: number;
  specialNeeds: boolean;
  /** daily absence probability per fiscal year when on a 30-day pace (不登校傾向) */
  chronic: Map<
    number,
    number
  >; /** planted: exactly `count` absences in year `fy` up to asOf, evenly spread or climbing towards asOf */
  plantedAbsence: { fy: number; count: number; climbing: boolean } | null;
  /** planted: frequent nurse visitor from this day on */
  frequentNurseFrom: DayNumber | null;
  /** planted: consecutive 雨/雷 days ending at asOf */
  moodStreak: number;
  wantsToTalkRecently: boolean;
  isolated: boolean;
  /** planted: a classmate this child interacts with a lot */
  closeFriendId: number | null;
}

export interface StudentModel {
  id: number;
  sex: 'male' | 'female';
  name: PersonName;
  birthDate: string;
  /** fiscal year in which the child is 小1 */
  cohort: number;
  pseudonym: string;
  /** the 小学校 district (index among elementary schools) */
  district: number;
  goesPrivate: boolean;
  traits: StudentTraits;
  /** θ per fiscal year (drill practice raises it) */
  ability: Map<number, number>;
  stays: StayModel[];
  /** the school the child attends now, null once they left the city or graduated */
  current: SchoolModel | null;
}

export interface StayModel {
  id: number;
  student: StudentModel;
  school: SchoolModel;
  year: YearModel;
  klass: ClassModel;
  attendanceNo: number;
  start: DayNumber;
  end: DayNumber;
  entry: 'new' | 'promoted' | 'advanced' | 'transfer_in';
  exit: 'promoted' | 'graduated' | 'transfer_out' | null;
  /** 出欠 marks by day (only days that were not plain attendance) */
  marks: Map<DayNumber, Mark>;
}

export interface StaffModel {
  id: number;
  sex: 'male' | 'female';
  name: PersonName;
  birthDate: string;
  pseudonym: string;
  /** 中学校 teachers' subject, 小 専科 */
  subject: SubjectCode | null;
}

export interface ClassModel {
  id: number;
  school: SchoolModel;
  year: YearModel;
  /** 1 = 小1 … 9 = 中3 */
  grade: number;
  gradeCode: string;
  name: string;
  /** 5年1組 */
  label: string;
  special: boolean;
  stays: StayModel[];
  homeroom: StaffModel | null;
  subjectTeachers: Map<SubjectCode, StaffModel>;
}

/** Per school and year: who holds which duty. */
export interface SchoolStaffYear {
  principal: StaffModel;
  vicePrincipal: StaffModel;
  nurse: StaffModel;
  teachers: StaffModel[];
}

/** The people the demo accounts and planted patterns are built around. */
export interface DemoCast {
  school: SchoolModel;
  klass: ClassModel;
  teacher: StaffModel;
  nurse: StaffModel;
  principal: StaffModel;
  student: StudentModel;
  otherSchool: SchoolModel;
  otherTeacher: StaffModel;
  otherClass: ClassModel;
  board: StaffModel;
  admin: StaffModel;
  /** planted pattern name → students */
  planted: Record<string, StudentModel[]>;
  influenza: {
    school: SchoolModel;
    grade: number;
    klass: ClassModel;
    start: DayNumber;
    end: DayNumber;
  } | null;
}

export class IdAllocator {
  private readonly next = new Map<string, number>();
  take(table: string): number {
    const id = (this.next.get(table) ?? 0) + 1;
    this.next.set(table, id);
    return id;
  }
}

export interface World {
  profile: SizeProfile;
  rng: Rng;
  asOf: DayNumber;
  municipalityId: number;
  batchId: number;
  prefectureCode: number;
  ids: IdAllocator;
  loader: Loader;
  schools: SchoolModel[];
  elementary: SchoolModel[];
  juniorHigh: SchoolModel[];
  years: YearModel[];
  classes: ClassModel[];
  students: StudentModel[];
  staff: StaffModel[];
  staffing: Map<string, SchoolStaffYear>;
  tools: { drill: number; lesson: number; survey: number; portfolio: number; textbook: number };
  cast: DemoCast | null;
  log: (message: string) => void;
}

export function staffingKey(school: SchoolModel, year: YearModel): string {
  return `${school.id}:${year.fy}`;
}

/** A full day away from class (欠席, 出席停止, 忌引, 非常変災). */
export function isAwayAllDay(mark: Mark | undefined): boolean {
  return mark !== undefined && mark.category !== 'LATE' && mark.category !== 'EARLY_LEAVE';
}
