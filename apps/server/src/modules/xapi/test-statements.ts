/** Statements for the xAPI module's tests (not loaded by the server). */

/** A drill answer as Japanese drill vendors send it. */
export const drill = (): Record<string, unknown> => ({
  id: '8d1c2a36-5c2e-4b8a-9d35-0b8f2a6f4e11',
  actor: {
    objectType: 'Agent',
    name: '山田 花子',
    account: { homePage: 'https://drill.example.jp', name: 'S-000123' },
  },
  verb: {
    id: 'http://adlnet.gov/expapi/verbs/answered',
    display: { 'ja-JP': '解答した', 'en-US': 'answered' },
  },
  object: {
    objectType: 'Activity',
    id: 'https://drill.example.jp/items/MATH-P5-03-07',
    definition: {
      name: { 'ja-JP': '小数のかけ算 問7', 'en-US': 'Decimal multiplication Q7' },
      description: { 'ja-JP': '2.4 × 1.5 を計算しよう' },
      type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
      interactionType: 'choice',
      correctResponsesPattern: ['b'],
      choices: [
        { id: 'a', description: { 'ja-JP': '3.4' } },
        { id: 'b', description: { 'ja-JP': '3.6' } },
      ],
      extensions: { 'https://w3id.org/edukarte/xapi/ext/unit': 'MATH-P5-03' },
    },
  },
  result: {
    score: { scaled: 1, raw: 10, min: 0, max: 10 },
    success: true,
    completion: true,
    response: 'b',
    duration: 'PT42.5S',
  },
  context: {
    registration: 'e7b5a1f0-9a2c-4c1d-8f3e-2d4b6a8c0e12',
    platform: 'まなびドリル',
    language: 'ja-JP',
    contextActivities: {
      parent: [{ id: 'https://drill.example.jp/units/MATH-P5-03', objectType: 'Activity' }],
      grouping: { id: 'https://drill.example.jp/courses/p5-math' },
    },
    extensions: { 'https://drill.example.jp/xapi/ext/school-code': 'B138210000019' },
  },
  timestamp: '2026-05-12T10:15:30.250+09:00',
});
