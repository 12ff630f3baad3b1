// The date family's readings and reasons, and the date grammar it shares with the simulated writer
// (src/verifiers/calendar-date.ts), where the corpus leaves them open (found by mutation testing, npm run
// test:mutation): the ways a format is named, which numbers count as dates, ISO times, named dates, the
// reason's list of offenders, and how the grammar writes a date and reads one back.
import { describe, expect, test } from "vitest";
import {
  type CalendarDay,
  findDates,
  findNamedDates,
  formatDate,
  isRealDate,
  readDate,
} from "../../../../src/verifiers/calendar-date.js";
import { type Check, parseRequirement, verifyRequirement } from "../../../../src/verifiers/index.js";

/** The checks of a description without their `source`, and what was left unchecked. */
function read(description: string): { checks: object[]; unchecked: readonly string[] } {
  const parsed = parseRequirement(description);
  return {
    checks: parsed.checks.map(({ source: _source, ...check }: Check) => check),
    unchecked: parsed.unchecked,
  };
}

describe("date formats read from their phrasing", () => {
  test.each<[string, string[]]>([
    ["Use ISO-8601", ["ISO-8601"]],
    ["Use ISO 8601 format", ["ISO-8601"]],
    ["Use iso8601 notation", ["ISO-8601"]],
    ["Timestamps must follow ISO 8601", ["ISO-8601"]],
    ["Dates in ISO format", ["ISO-8601"]],
    ["ISO date format", ["ISO-8601"]],
    ["Use the ISO standard", ["ISO-8601"]],
    ["Use ISO dates", ["ISO-8601"]],
    // Written in any case, the format is read in capitals; "format", "style" and "dates" go with it.
    ["Write dates in yyyy-mm-dd format", ["YYYY-MM-DD"]],
    ["Use YYYY/MM/DD date format for all dates", ["YYYY/MM/DD"]],
    ["Use DD.MM.YYYY style", ["DD.MM.YYYY"]],
    ["Every date as D/M/YY", ["D/M/YY"]],
    ["Use ISO 8601 and the date format DD/MM/YYYY", ["ISO-8601", "DD/MM/YYYY"]],
  ])("%j", (description, formats) => {
    expect(read(description)).toStrictEqual({
      checks: formats.map((format) => ({ kind: "date_format", format })),
      unchecked: [],
    });
  });

  test.each([
    // A format needs a year, a month and a day, each in a width that exists.
    "Dates as YYYY-MM-MM",
    "Dates as YYY-MM-DD",
    // A format not to use says nothing of the one to use.
    "Don't use MM/DD/YYYY",
    "Never write dates as DD/MM/YYYY",
  ])("leaves %j unchecked", (description) => {
    expect(read(description)).toStrictEqual({ checks: [], unchecked: [description] });
  });

  test.each<[string, string[]]>([
    // Beside a check, what the family understood but cannot check is reported as its own fragment.
    ["Write 3 paragraphs and don't use MM/DD/YYYY", ["don't use MM/DD/YYYY"]],
    ["Write 3 paragraphs with dates as YYYY-MM-MM", ["YYYY-MM-MM", "dates"]],
  ])("%j leaves %j unchecked beside its count", (description, unchecked) => {
    expect(read(description)).toStrictEqual({
      checks: [{ kind: "count", unit: "paragraphs", min: 3, max: 3 }],
      unchecked,
    });
  });
});

describe("dates found and judged", () => {
  test.each<[string, string, number, string]>([
    ["YYYY-MM-DD", "No dates here.", 1, "no dates found; nothing to check against YYYY-MM-DD"],
    ["YYYY-MM-DD", "From 2024-01-05 to 2024-02-29.", 1, "2 of 2 dates follow YYYY-MM-DD"],
    [
      "YYYY-MM-DD",
      "On 01/02/2024, 01/03/2024, 01/04/2024, 01/05/2024 and 2024-01-07.",
      0.2,
      '1 of 5 dates follow YYYY-MM-DD; not: "01/02/2024", "01/03/2024", "01/04/2024" and 1 more',
    ],
    [
      "YYYY-MM-DD",
      "On 01/02/2024, 01/03/2024 and 01/04/2024.",
      0,
      '0 of 3 dates follow YYYY-MM-DD; not: "01/02/2024", "01/03/2024", "01/04/2024"',
    ],
    // Numeric dates are listed before named ones.
    [
      "YYYY-MM-DD",
      "On March 5, 2024 and 01/02/2024.",
      0,
      '0 of 2 dates follow YYYY-MM-DD; not: "01/02/2024", "March 5, 2024"',
    ],
    // Day first or month first, whichever makes a real day; neither is no date at all.
    ["YYYY-MM-DD", "On 13/12/2024.", 0, '0 of 1 dates follow YYYY-MM-DD; not: "13/12/2024"'],
    ["YYYY-MM-DD", "On 12/13/2024.", 0, '0 of 1 dates follow YYYY-MM-DD; not: "12/13/2024"'],
    ["YYYY-MM-DD", "On 13/13/2024.", 1, "no dates found; nothing to check against YYYY-MM-DD"],
    ["DD/MM/YYYY", "On 31/02/2024.", 1, "no dates found; nothing to check against DD/MM/YYYY"],
    ["YYYY-MM-DD", "On 1.2.2024.", 0, '0 of 1 dates follow YYYY-MM-DD; not: "1.2.2024"'],
    ["YYYY-MM-DD", "Code 010/12/2024.", 1, "no dates found; nothing to check against YYYY-MM-DD"],
    // A two-digit year is a date's after a slash only: 31-12-24 may be anything.
    ["YYYY-MM-DD", "On 31/12/24.", 0, '0 of 1 dates follow YYYY-MM-DD; not: "31/12/24"'],
    ["YYYY-MM-DD", "On 31-12-24.", 1, "no dates found; nothing to check against YYYY-MM-DD"],
    ["YYYY-MM-DD", "Pages 10/12/345.", 1, "no dates found; nothing to check against YYYY-MM-DD"],
    ["YYYY-MM-DD", "Part 24-12-310.", 1, "no dates found; nothing to check against YYYY-MM-DD"],
    // Year first: an impossible day with dashes is a wrong date, with slashes no date.
    ["YYYY-MM-DD", "Due 2024-02-30.", 0, '0 of 1 dates follow YYYY-MM-DD; not: "2024-02-30"'],
    ["YYYY-MM-DD", "Due 2024/02/30.", 1, "no dates found; nothing to check against YYYY-MM-DD"],
    ["YYYY-MM-DD", "Due 2024/12/30.", 0, '0 of 1 dates follow YYYY-MM-DD; not: "2024/12/30"'],
    // A four-digit middle is not a month, so no common order.
    ["YYYY-MM-DD", "Serial 2024-2024-05.", 1, "no dates found; nothing to check against YYYY-MM-DD"],
    ["YYYY-MM-DD", "Serial 2024-0012-05.", 1, "no dates found; nothing to check against YYYY-MM-DD"],
    // A date in the very format asked for is a date, however unusual the format.
    ["DD.MM.YY", "Am 05.03.26.", 1, "1 of 1 dates follow DD.MM.YY"],
    ["DD.MM.YY", "Am 05.03.2026.", 0, '0 of 1 dates follow DD.MM.YY; not: "05.03.2026"'],
    ["YY-MM-DD", "On 26-03-05.", 1, "1 of 1 dates follow YY-MM-DD"],
    ["YYYY/DD/MM", "On 2026/25/03.", 1, "1 of 1 dates follow YYYY/DD/MM"],
    ["MM/YYYY/DD", "On 03/2026/25.", 1, "1 of 1 dates follow MM/YYYY/DD"],
    ["DD.MM.YY", "Am 30.02.26.", 1, "no dates found; nothing to check against DD.MM.YY"],
    // D and M take one digit or two; DD and MM take two.
    ["D/M/YYYY", "On 5/3/2026 and 05/03/2026.", 1, "2 of 2 dates follow D/M/YYYY"],
    ["DD/MM/YYYY", "On 5/3/2026.", 0, '0 of 1 dates follow DD/MM/YYYY; not: "5/3/2026"'],
    ["DD.MM.YYYY", "Am 05/03/2026.", 0, '0 of 1 dates follow DD.MM.YYYY; not: "05/03/2026"'],
    // Named dates never follow a numeric format; a day and year without a month are not a date.
    ["YYYY-MM-DD", "On Sept. 5 2024.", 0, '0 of 1 dates follow YYYY-MM-DD; not: "Sept. 5 2024"'],
    ["YYYY-MM-DD", "On the 5th of May, 2024.", 0, '0 of 1 dates follow YYYY-MM-DD; not: "5th of May, 2024"'],
    ["YYYY-MM-DD", "On February 30, 2024.", 0, '0 of 1 dates follow YYYY-MM-DD; not: "February 30, 2024"'],
    ["YYYY-MM-DD", "Room 5, 2024 guests.", 1, "no dates found; nothing to check against YYYY-MM-DD"],
    ["YYYY-MM-DD", "Codes xMarch 5, 2024.", 1, "no dates found; nothing to check against YYYY-MM-DD"],
    ["YYYY-MM-DD", "March 5, 2024 was the day.", 0, '0 of 1 dates follow YYYY-MM-DD; not: "March 5, 2024"'],
  ])("%s: %j", (format, text, score, reason) => {
    const result = verifyRequirement(text, `Dates must follow ${format}`);
    expect({ score: result.score, reason: result.reason }).toEqual({ score, reason });
  });

  test.each<[string, number]>([
    // An ISO date's time must be a time: hours to 23, minutes to 59, a leap second, an offset to 23:59.
    ["2024-01-05T23:59:60Z", 1],
    ["2024-01-05T10:30:00.123+05:30", 1],
    ["2024-01-05T10:30-0530", 1],
    ["2024-01-05T10:30", 1],
    ["2024-01-05T24:00", 0],
    ["2024-01-05T10:60", 0],
    ["2024-01-05T10:30:61", 0],
    ["2024-01-05T10:30+24:00", 0],
    ["2024-01-05T10:30+05:60", 0],
    ["2024-1-05T10:30", 0],
  ])("ISO 8601: %s scores %d", (written, score) => {
    expect(verifyRequirement(`At ${written}.`, "Use ISO 8601 dates").score).toBe(score);
  });

  test("a time after the date counts for ISO 8601 only", () => {
    expect(verifyRequirement("At 2024-01-05T25:00.", "Dates must follow YYYY-MM-DD").reason).toBe(
      "1 of 1 dates follow YYYY-MM-DD",
    );
  });
});

const MARCH_5: CalendarDay = { year: 2026, month: 3, day: 5 };

describe("the date grammar writes a date in a format", () => {
  test.each<[CalendarDay, string, string]>([
    [MARCH_5, "YYYY-MM-DD", "2026-03-05"],
    [MARCH_5, "ISO-8601", "2026-03-05"],
    [MARCH_5, "mmmm d, yyyy", "March 5, 2026"],
    [MARCH_5, " yyyy/mm/dd ", "2026/03/05"],
    [MARCH_5, "YY.M.D", "26.3.5"],
    [MARCH_5, "MMMM D, YYYY", "March 5, 2026"],
    [MARCH_5, "MMM. DD YYYY", "Mar. 05 2026"],
    [{ year: 987, month: 11, day: 23 }, "D MMMM YYYY", "23 November 0987"],
    [{ year: 2005, month: 12, day: 31 }, "DD/MM/YY", "31/12/05"],
  ])("%j in %j is %j", (date, format, written) => {
    expect(formatDate(date, format)).toBe(written);
  });
});

describe("the date grammar reads a date back in its format", () => {
  test.each<[string, string, CalendarDay | undefined]>([
    ["2026-03-05", "YYYY-MM-DD", MARCH_5],
    ["2026-03-05", "ISO-8601", MARCH_5],
    ["26.3.5", "YY.M.D", MARCH_5],
    ["March 5, 2026", "MMMM D, YYYY", MARCH_5],
    ["Mar 5, 2026", "MMM D, YYYY", MARCH_5],
    ["Dec 31, 2026", "MMM D, YYYY", { year: 2026, month: 12, day: 31 }],
    // Not in the format: widths, separators, the month's name, a missing part.
    ["2026-3-5", "YYYY-MM-DD", undefined],
    ["2026x03x05", "YYYY.MM.DD", undefined],
    [" 2026-03-05", "YYYY-MM-DD", undefined],
    ["march 5, 2026", "MMMM D, YYYY", undefined],
    ["Mar 5, 2026", "MMMM D, YYYY", undefined],
    ["03/2026", "MM/YYYY", undefined],
    ["03/05", "MM/DD", undefined],
    // Not a real day.
    ["2026-02-29", "YYYY-MM-DD", undefined],
    ["1900-02-29", "YYYY-MM-DD", undefined],
    ["2026-04-31", "YYYY-MM-DD", undefined],
    ["2026-13-01", "YYYY-MM-DD", undefined],
    ["2026-00-10", "YYYY-MM-DD", undefined],
    ["2026-01-00", "YYYY-MM-DD", undefined],
  ])("%j in %j", (written, format, date) => {
    expect(readDate(written, format)).toEqual(date);
  });

  test.each<[number, number, number, boolean]>([
    [2024, 2, 29, true],
    [2000, 2, 29, true],
    [1900, 2, 29, false],
    [2026, 2, 29, false],
    [2026, 2, 28, true],
    [2026, 12, 31, true],
    [2026, 4, 31, false],
    [2026, 1, 31, true],
    [2024, 1, 31, true],
    [2026, 3, 1, true],
  ])("%d-%d-%d is a real day: %s", (year, month, day, real) => {
    expect(isRealDate(year, month, day)).toBe(real);
  });
});

describe("the date grammar reads the dates of a request (the simulated writer's reading)", () => {
  test.each<[string, [number, number, number, string][]]>([
    ["Due 2026-03-15T10:30Z.", [[2026, 3, 15, "2026-03-15"]]],
    // Slashes are month first unless the first number cannot be a month; dots and dashes are day first.
    ["Due 05/03/2026.", [[2026, 5, 3, "05/03/2026"]]],
    ["Due 12/05/2026.", [[2026, 12, 5, "12/05/2026"]]],
    ["Due 15/03/2026.", [[2026, 3, 15, "15/03/2026"]]],
    ["Due 05.03.2026.", [[2026, 3, 5, "05.03.2026"]]],
    ["Due 05-03-2026.", [[2026, 3, 5, "05-03-2026"]]],
    ["Due Mar. 15th 2026.", [[2026, 3, 15, "Mar. 15th 2026"]]],
    ["Due Sept 5 2026.", [[2026, 9, 5, "Sept 5 2026"]]],
    ["Due 15th of March, 2026.", [[2026, 3, 15, "15th of March, 2026"]]],
    [
      "From March 5, 2026 to 2026-01-02.",
      [
        [2026, 3, 5, "March 5, 2026"],
        [2026, 1, 2, "2026-01-02"],
      ],
    ],
    [
      "From 2026-01-02 to March 5, 2026.",
      [
        [2026, 1, 2, "2026-01-02"],
        [2026, 3, 5, "March 5, 2026"],
      ],
    ],
    // A named date overlapping a numeric one is the numeric one's day.
    ["On 2026-03-15 March 2026.", [[2026, 3, 15, "2026-03-15"]]],
    // Impossible days, two-digit years, four-digit middles, three-digit days and months, version numbers.
    [
      "Due 02/30/2026, March 32, 2026, 26/03/05, 03/2026/05, 2026-0012-05, 2026-03-015, 010/12/2026, 1.2.3.",
      [],
    ],
  ])("%j", (text, dates) => {
    expect(findDates(text)).toEqual(
      dates.map(([year, month, day, written]) => ({ year, month, day, text: written })),
    );
  });
});

test("a named date starts at its month", () => {
  expect(findNamedDates("On March 5, 2026 and 6 May 2026.").map((date) => date.index)).toEqual([3, 21]);
});
