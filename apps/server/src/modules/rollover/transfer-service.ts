import {
  addDays,
  gradeShortLabelJa,
  TRANSFER_REASONS,
  type TransferListItem,
  type TransferListQuery,
  type TransferListResponse,
  type TransferOutRequest,
  type TransferResponse,
  type TransferStudentSearchResponse,
} from '@edukarte/shared';
import type { z } from 'zod';
import type { TransferInRequest } from '@edukarte/shared';
import { classLabel } from '../classes/service.ts';
import type { Actor, RequestMeta } from '../../auth/actor.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAccess } from '../audit/repo.ts';
import { normaliseKana } from '../identity/name-match.ts';
import * as identityRepo from '../identity/repo.ts';
import { resolvePerson } from '../identity/resolve-person.ts';
import { authorize, newPseudonym } from '../identity/service.ts';
import * as repo from './transfer.repo.ts';

type TransferIn = z.output<typeof TransferInRequest>;

/** A stable source id for a child entered by hand, so the same 転入 twice finds the same person. */
function manualSourceId(body: TransferIn): string {
  const p = body.person!;
  return `${body.schoolId}:${normaliseKana(p.familyNameKana)}:${normaliseKana(p.givenNameKana)}:${p.birthDate ?? ''}`;
}

const present = (e: repo.EnrollmentRow): TransferResponse => ({
  enrollment: {
    id: e.id,
    studentId: e.studentId,
    schoolId: e.schoolId,
    classId: e.classId,
    attendanceNo: e.attendanceNo,
    startDate: e.startDate,
    endDate: e.endDate,
    entry: e.entry,
    exit: e.exit,
  },
});

/**
 * 転出: the stay that includes `date` ends on that day with exit 'transfer_out'. The history stays;
 * repeating the same request returns the same stay.
 */
export async function transferOut(
  ctx: AppContext,
  actor: Actor,
  body: TransferOutRequest,
  meta: RequestMeta,
): Promise<TransferResponse> {
  return ctx.database.db.transaction(async (tx) => {
    const person = await repo.findPerson(tx, body.studentId);
    if (!person || person.municipalityId !== actor.municipalityId) throw notFound('児童生徒が見つかりません');
    const stays = await repo.findEnrollmentsOn(tx, body.studentId, body.date);
    const stay = stays.at(-1);
    if (!stay) throw new HttpError(409, 'not_enrolled', `${body.date} に在籍している学級がありません`);
    authorize(actor, { action: 'transfer:manage', schoolId: stay.schoolId });
    const record = {
      enrollmentId: stay.id,
      direction: 'out' as const,
      otherSchool: body.destination || null,
      reason: body.reason ?? null,
      note: body.note || null,
      recordedBy: actor.userId,
    };
    if (stay.endDate === body.date && stay.exit === 'transfer_out') {
      await repo.upsertTransferRecord(tx, record);
      return present(stay);
    }
    const ended = await repo.endEnrollment(tx, stay.id, body.date);
    await repo.upsertTransferRecord(tx, record);
    await recordAccess(tx, {
      userId: actor.userId,
      role: actor.role,
      action: 'transfer.out',
      schoolId: stay.schoolId,
      studentId: body.studentId,
      ip: meta.ip,
      detail: {
        enrollmentId: stay.id,
        date: body.date,
        previousEndDate: stay.endDate,
        destination: body.destination ?? null,
        reason: body.reason ?? null,
        note: body.note ?? null,
      },
    });
    return present(ended);
  });
}

/**
 * 転入: a new stay in `classId` from `date` to the end of that school year, with the next 出席番号
 * (appended, as schools do mid-year). A child already known keeps their id (and history); a new
 * child goes through the 名寄せ rules first, so a likely duplicate is stopped for review.
 */
export async function transferIn(
  ctx: AppContext,
  actor: Actor,
  body: TransferIn,
  meta: RequestMeta,
): Promise<TransferResponse> {
  authorize(actor, { action: 'transfer:manage', schoolId: body.schoolId });
  // A new child is resolved first, outside the transaction, so a likely duplicate stays in the
  // 名寄せ queue after the 409.
  const resolved = body.person
    ? await resolvePerson(ctx.database.db, {
        municipalityId: actor.municipalityId,
        schoolId: null,
        system: 'manual',
        sourceId: manualSourceId(body),
        ...body.person,
      })
    : null;
  if (resolved?.kind === 'review')
    throw new HttpError(
      409,
      'possible_duplicate',
      `同じ読み・生年月日の児童生徒がすでに登録されています（ID ${resolved.candidatePersonId}）。その児童生徒として転入させるか、名寄せの画面で確認してください`,
    );
  return ctx.database.db.transaction(async (tx) => {
    const cls = await repo.findClassWithYear(tx, body.classId);
    if (!cls || cls.schoolId !== body.schoolId || cls.municipalityId !== actor.municipalityId)
      throw notFound('学級が見つかりません');
    if (cls.classType !== 'homeroom')
      throw new HttpError(400, 'invalid_request', '転入先は学級（ホームルーム）を指定してください');
    if (body.date < cls.startDate || body.date > cls.endDate)
      throw new HttpError(
        400,
        'date_outside_year',
        `転入日はその年度（${cls.startDate}〜${cls.endDate}）の中で指定してください`,
      );

    let studentId: number;
    if (body.studentId !== undefined) {
      const person = await repo.findPerson(tx, body.studentId);
      if (!person || person.municipalityId !== actor.municipalityId)
        throw notFound('児童生徒が見つかりません');
      studentId = person.id;
    } else if (resolved?.kind === 'matched') {
      studentId = resolved.personId;
    } else {
      const p = body.person!;
      studentId = await identityRepo.insertPerson(tx, {
        municipalityId: actor.municipalityId,
        kind: 'student',
        ...p,
        pseudonym: newPseudonym(),
      });
      await identityRepo.insertSourceIdentity(tx, studentId, {
        system: 'manual',
        sourceId: manualSourceId(body),
      });
    }

    const overlapping = await repo.findEnrollmentsFrom(tx, studentId, body.date);
    const same = overlapping.find((e) => e.classId === body.classId && e.startDate === body.date);
    const record = {
      direction: 'in' as const,
      otherSchool: body.origin || null,
      reason: null,
      note: body.note || null,
      recordedBy: actor.userId,
    };
    if (same) {
      if (body.origin !== undefined || body.note !== undefined)
        await repo.upsertTransferRecord(tx, { ...record, enrollmentId: same.id });
      return present(same);
    }
    const clash = overlapping.find((e) => e.startDate <= cls.endDate);
    if (clash)
      throw new HttpError(
        409,
        'already_enrolled',
        `この児童生徒は ${clash.startDate}〜${clash.endDate} に在籍中です。先に転出を登録してください（転入日は ${addDays(clash.endDate, 1)} 以降）`,
      );
    if (
      body.attendanceNo !== undefined &&
      (await repo.isAttendanceNoTaken(tx, body.classId, body.attendanceNo))
    )
      throw new HttpError(
        409,
        'attendance_no_taken',
        `出席番号 ${body.attendanceNo} はこの学級ですでに使われています。空欄にすると末尾の番号（${await repo.nextAttendanceNo(tx, body.classId)}）になります`,
      );
    const created = await repo.insertEnrollment(tx, {
      schoolId: body.schoolId,
      schoolYearId: cls.schoolYearId,
      classId: body.classId,
      studentId,
      attendanceNo: body.attendanceNo ?? (await repo.nextAttendanceNo(tx, body.classId)),
      startDate: body.date,
      endDate: cls.endDate,
      entry: 'transfer_in',
    });
    await recordAccess(tx, {
      userId: actor.userId,
      role: actor.role,
      action: 'transfer.in',
      schoolId: body.schoolId,
      studentId,
      ip: meta.ip,
      detail: { enrollmentId: created.id, date: body.date, classId: body.classId },
    });
    await repo.upsertTransferRecord(tx, { ...record, enrollmentId: created.id });
    return present(created);
  });
}

const isReason = (r: string | null): r is (typeof TRANSFER_REASONS)[number] =>
  r !== null && (TRANSFER_REASONS as readonly string[]).includes(r);

/**
 * 転入・転出の一覧 of the caller's municipality, newest first, paged. For a move between our own
 * schools the other school is the stay before (転入) or after (転出) when nothing was recorded.
 */
export async function listTransfers(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof TransferListQuery>,
): Promise<TransferListResponse> {
  authorize(actor, { action: 'identity:manage' });
  const db = ctx.database.db;
  const { rows, total } = await repo.listTransferEvents(db, actor.municipalityId, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
    direction: query.direction,
  });
  const facts = await repo.describeTransfers(db, rows);
  const person = new Map(facts.people.map((p) => [p.id, p]));
  const cls = new Map(facts.classes.map((c) => [c.id, c]));
  const record = new Map(facts.records.map((r) => [`${r.enrollmentId}|${r.direction}`, r]));
  const transfers: TransferListItem[] = rows.map((row) => {
    const p = person.get(row.studentId);
    const c = cls.get(row.classId);
    const r = record.get(`${row.enrollmentId}|${row.direction}`);
    const adjacent =
      row.direction === 'out'
        ? facts.stays.find((s) => s.studentId === row.studentId && s.startDate === addDays(row.date, 1))
        : facts.stays.find((s) => s.studentId === row.studentId && s.endDate === addDays(row.date, -1));
    return {
      enrollmentId: row.enrollmentId,
      direction: row.direction,
      date: row.date,
      studentId: row.studentId,
      name: p ? `${p.familyName} ${p.givenName}` : '',
      schoolId: row.schoolId,
      schoolName: c?.schoolName ?? '',
      classLabel: c
        ? `${gradeShortLabelJa(c.gradeCode)} ${classLabel(c)} ${row.attendanceNo}番`
        : `${row.attendanceNo}番`,
      otherSchool: r?.otherSchool ?? adjacent?.schoolName ?? null,
      reason: isReason(r?.reason ?? null) ? (r!.reason as TransferListItem['reason']) : null,
      note: r?.note ?? null,
      recordedAt: r ? r.recordedAt.toISOString() : null,
    };
  });
  return { transfers, total, page: query.page, pageSize: query.pageSize };
}

const SEARCH_LIMIT = 20;

/** ひらがな → カタカナ, spaces removed, for matching the stored readings. */
export function searchPatterns(text: string): string[] {
  const squashed = text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  const escaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  const katakana = squashed.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
  return [...new Set([squashed, katakana])].map((s) => `%${escaped(s)}%`);
}

/** 転入 of a child known in the municipality: find them by name or reading (admin only). */
export async function searchTransferStudents(
  ctx: AppContext,
  actor: Actor,
  text: string,
): Promise<TransferStudentSearchResponse> {
  authorize(actor, { action: 'identity:manage' });
  const db = ctx.database.db;
  const found = await repo.searchStudents(db, actor.municipalityId, searchPatterns(text), SEARCH_LIMIT);
  const shown = found.slice(0, SEARCH_LIMIT);
  const stays = new Map(
    (
      await repo.latestStays(
        db,
        shown.map((s) => s.id),
      )
    ).map((s) => [s.studentId, s]),
  );
  return {
    students: shown.map((s) => {
      const stay = stays.get(s.id);
      return {
        studentId: s.id,
        name: `${s.familyName} ${s.givenName}`,
        kana: `${s.familyNameKana} ${s.givenNameKana}`,
        birthDate: s.birthDate,
        lastStay: stay
          ? {
              schoolName: stay.schoolName,
              classLabel: `${gradeShortLabelJa(stay.gradeCode)} ${classLabel({ ...stay, name: stay.className })}`,
              endDate: stay.endDate,
              exit: stay.exit,
            }
          : null,
      };
    }),
    truncated: found.length > SEARCH_LIMIT,
  };
}
