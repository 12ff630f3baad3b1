// Phrasing classes of four families, each in wordings of our own (none from the held-out corpus):
// - keywords that must appear: a list of terms beside a name ("cite both Kant and utilitarianism"), a name
//   of several words said to show up ("the name Marie Curie comes up"), a name after "make sure";
// - a language named with its variety: Simplified or Traditional Chinese (checked by the characters),
//   a name of the language itself ("Castilian Spanish"), a regional variety (checked as the language, the
//   variety reported as not checked);
// - placeholders and highlighted sections counted in the user's own words ("3 or more risks", "at least
//   three of the customer details"), with the count said after the rule, in its clause or the next one.
// Each phrasing is parsed, then scored on a text that meets it and one that does not; some must not be
// read as these at all.
import { describe, expect, test } from "vitest";
import { clearParseCache, parseRequirement, verifyRequirement } from "../../../src/verifiers/index.js";
import { read } from "../../helpers/phrasing-table.js";

type Row = [requirement: string, checks: object[], pass: string, fail: string];

describe("keywords that must appear", () => {
  const rows: Row[] = [
    [
      "Be sure to cite both Kant and utilitarianism.",
      [{ kind: "keywords", keywords: ["Kant", "utilitarianism"], min: 1 }],
      "Kant rejected utilitarianism as a basis for duty.",
      "Kant rejected the greatest happiness principle as a basis for duty.",
    ],
    [
      "Your reply should talk about Docker as well as containers.",
      [{ kind: "keywords", keywords: ["Docker", "containers"], min: 1 }],
      "Docker packages an app into containers.",
      "Docker packages an app into images.",
    ],
    [
      "Refer to NATO and sovereignty in your essay.",
      [{ kind: "keywords", keywords: ["NATO", "sovereignty"], min: 1 }],
      "Joining NATO did not end national sovereignty.",
      "Joining the alliance did not end national sovereignty.",
    ],
    [
      "Make sure the name Marie Curie comes up somewhere.",
      [{ kind: "keywords", keywords: ["Marie Curie"], min: 1 }],
      "Radioactivity was studied by Marie Curie in Paris.",
      "Radioactivity was studied by Curie in Paris.",
    ],
    [
      "Check that the full name Grace Hopper is mentioned.",
      [{ kind: "keywords", keywords: ["Grace Hopper"], min: 1 }],
      "The first compiler owes much to Grace Hopper.",
      "The first compiler owes much to Admiral Hopper.",
    ],
    [
      "Hey there! Please make sure Lisbon gets mentioned. Cheers, thanks.",
      [{ kind: "keywords", keywords: ["Lisbon"], min: 1 }],
      "The trip ends in Lisbon by the river.",
      "The trip ends in Porto by the river.",
    ],
    [
      "Hello! Ensure that GDPR is mentioned in the summary.",
      [{ kind: "keywords", keywords: ["GDPR"], min: 1 }],
      "The policy follows the GDPR.",
      "The policy follows European privacy law.",
    ],
  ];

  test.each(rows)("%j reads as %j", (requirement, checks) => {
    expect(read(requirement).checks).toEqual(checks);
  });

  test.each(rows)(
    "%j passes a text that meets it and fails one that does not",
    (requirement, _checks, pass, fail) => {
      expect(verifyRequirement(pass, requirement).verdict).toBe("pass");
      expect(verifyRequirement(fail, requirement).verdict).toBe("fail");
    },
  );

  test("a greeting on its own is no requirement: the parse stays verifiable", () => {
    expect(parseRequirement("Hey! Make sure the name Ada Lovelace appears. Thank you.").verdict).toBe(
      "verifiable",
    );
  });
});

// The same two sentences in Simplified and in Traditional characters, and in Japanese.
const SIMPLIFIED = "我们下周去北京开会。这次会议主要讨论新产品的价格和销售计划。请大家提前准备好数据。";
const TRADITIONAL = "我們下週去北京開會。這次會議主要討論新產品的價格和銷售計劃。請大家提前準備好數據。";
const JAPANESE =
  "来週、北京で会議があります。新しい製品の価格と販売計画について話し合います。データを準備してください。";
const PORTUGUESE =
  "Nós vamos fazer uma reunião na próxima semana. A reunião vai tratar do preço do novo produto e do plano de vendas para o ano que vem.";
const SPANISH =
  "Vamos a tener una reunión la próxima semana. La reunión tratará del precio del nuevo producto y del plan de ventas para el año que viene.";
const ENGLISH =
  "We are holding a meeting next week. The meeting will cover the price of the new product and the sales plan for the coming year.";
const ARABIC =
  "سنعقد اجتماعا في الأسبوع القادم. سيناقش الاجتماع سعر المنتج الجديد وخطة المبيعات للعام المقبل.";

describe("a language named with its variety", () => {
  const hans = { kind: "language", language: "cmn-Hans", name: "Simplified Chinese" };
  const hant = { kind: "language", language: "cmn-Hant", name: "Traditional Chinese" };
  const rows: [requirement: string, check: object, pass: string, fails: string[]][] = [
    ["Respond in Traditional Chinese.", hant, TRADITIONAL, [SIMPLIFIED, JAPANESE]],
    ["Please answer in Chinese (Simplified).", hans, SIMPLIFIED, [TRADITIONAL, JAPANESE]],
    ["Use simplified Chinese characters throughout.", hans, SIMPLIFIED, [TRADITIONAL]],
    ["Reply in Mandarin using traditional characters.", hant, TRADITIONAL, [SIMPLIFIED]],
    ["Write the whole thing in simplified characters.", hans, SIMPLIFIED, [TRADITIONAL, ENGLISH]],
    [
      "Answer in Castilian Spanish.",
      { kind: "language", language: "spa", name: "Spanish" },
      SPANISH,
      [ENGLISH],
    ],
    [
      "Write it in Modern Standard Arabic.",
      { kind: "language", language: "arb", name: "Arabic" },
      ARABIC,
      [ENGLISH],
    ],
    [
      "Reply in Mandarin Chinese.",
      { kind: "language", language: "cmn", name: "Chinese" },
      TRADITIONAL,
      [JAPANESE],
    ],
  ];

  test.each(rows)("%j reads as %j", (requirement, check) => {
    expect(read(requirement)).toEqual({
      checks: [check],
      unchecked: [],
    });
  });

  test.each(rows)("%j passes a text in it and fails others", (requirement, _check, pass, fails) => {
    expect(verifyRequirement(pass, requirement).verdict).toBe("pass");
    for (const fail of fails) expect(verifyRequirement(fail, requirement).verdict).toBe("fail");
  });

  test("the reason names the characters of the other script", () => {
    expect(verifyRequirement(TRADITIONAL, "Write in Simplified Chinese").reason).toMatch(
      /written in Traditional characters \(\d+ Simplified and \d+ Traditional characters\)/,
    );
  });

  test.each([
    ["Write the reply in Brazilian Portuguese.", "por", "Brazilian", PORTUGUESE, SPANISH],
    ["Respond in British English.", "eng", "British", ENGLISH, PORTUGUESE],
    ["Translate it into Latin American Spanish.", "spa", "Latin American", SPANISH, PORTUGUESE],
    ["Answer in Canadian French, please.", "fra", "Canadian", undefined, ENGLISH],
  ])(
    "%j checks the language %j and reports the variety %j as not checked",
    (requirement, code, variety, pass, fail) => {
      const parsed = parseRequirement(requirement);
      expect(parsed.verdict).toBe("partially_verifiable");
      expect(parsed.checks.map((check) => (check.kind === "language" ? check.language : check.kind))).toEqual(
        [code],
      );
      expect(parsed.unchecked).toEqual([variety]);
      if (pass !== undefined) expect(verifyRequirement(pass, requirement).checks[0]!.score).toBe(1);
      expect(verifyRequirement(fail, requirement).checks[0]!.score).toBe(0);
    },
  );
});

// Four placeholders and one; three highlighted sections (one bold, two italic) and one.
const FOUR_PLACEHOLDERS = "Dear [name],\n\nYour order [order number] ships on [date] to [address].";
const ONE_PLACEHOLDER = "Dear [name],\n\nYour order ships on Monday to your home.";
const NO_PLACEHOLDER = "Dear Sam,\n\nYour order ships on Monday to your home.";
const THREE_HIGHLIGHTS =
  "The plan has **three parts**.\n\nFirst, *save early*. Then *spend less* each month.";
const ONE_HIGHLIGHT = "The plan is simple: *save early* and spend less each month.";

type CountRow = [requirement: string, bounds: { min?: number; max?: number }, pass: string, fail: string];

const PLACEHOLDER_ROWS: CountRow[] = [
  // The counted things named in the user's words, then what they must be made.
  [
    "Turn at least three of the customer details into bracketed placeholders.",
    { min: 3 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  [
    "No fewer than two names should be written in square brackets, e.g. [client].",
    { min: 2 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  ["Keep it to at most two spots in square brackets.", { max: 2 }, ONE_PLACEHOLDER, FOUR_PLACEHOLDERS],
  // The count said after the rule: after a comma or a dash, or in the next sentence.
  [
    "Use square-bracket placeholders for the variable fields, at least two.",
    { min: 2 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  [
    "Leave the dates and amounts as placeholders in square brackets — I need at least three of them.",
    { min: 3 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  [
    "Replace the personal data with placeholders in square brackets. Four or more are required.",
    { min: 4 },
    FOUR_PLACEHOLDERS,
    ONE_PLACEHOLDER,
  ],
  [
    "Mark the blanks with placeholders in brackets; we need two of them at most.",
    { max: 2 },
    ONE_PLACEHOLDER,
    FOUR_PLACEHOLDERS,
  ],
  // Placeholders named with their brackets and no count: one at least.
  [
    "Put the names of the parties into placeholders in square brackets.",
    { min: 1 },
    ONE_PLACEHOLDER,
    NO_PLACEHOLDER,
  ],
];

const HIGHLIGHT_ROWS: CountRow[] = [
  ["Set at least three of the key terms in bold.", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Two or more product names need italics.", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Flag 2 to 3 risks with markdown bold.", { min: 2, max: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  ["Bold three or more product names.", { min: 3 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  [
    "At a minimum, three of the warnings in your answer should get bold formatting.",
    { min: 3 },
    THREE_HIGHLIGHTS,
    ONE_HIGHLIGHT,
  ],
  [
    "At least two lines of your reply require *asterisk emphasis* (put each in asterisks, *so*).",
    { min: 2 },
    THREE_HIGHLIGHTS,
    ONE_HIGHLIGHT,
  ],
  // The count said after the rule.
  ["Emphasise the warnings in italics, at least two.", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
  [
    "Use asterisk emphasis for the main takeaways; three or more of them, please.",
    { min: 3 },
    THREE_HIGHLIGHTS,
    ONE_HIGHLIGHT,
  ],
  ["Put the deadlines in bold. At least two are needed.", { min: 2 }, THREE_HIGHLIGHTS, ONE_HIGHLIGHT],
];

describe.each([
  ["placeholders", PLACEHOLDER_ROWS],
  ["highlights", HIGHLIGHT_ROWS],
] as const)("%s counted in the user's words", (unit, rows) => {
  test.each(rows)("%j reads as a count of %j", (requirement, bounds) => {
    expect(read(requirement)).toEqual({
      checks: [{ kind: "count", unit, ...bounds }],
      unchecked: [],
    });
  });

  test.each(rows)(
    "%j passes a text within bounds and fails one outside",
    (requirement, _bounds, pass, fail) => {
      expect(verifyRequirement(pass, requirement).verdict).toBe("pass");
      expect(verifyRequirement(fail, requirement).verdict).toBe("fail");
    },
  );
});

describe("phrasings that are none of these", () => {
  test.each([
    // Forbidding is not requiring; a topic is not a term.
    ["Don't mention GDPR or consent", [{ kind: "keywords", keywords: ["GDPR", "consent"], max: 0 }]],
    ["Mention the price", []],
    ["Mention Paris and its history", []],
    ["Numbers should appear in words", []],
    ["Make sure the word data in your answer appears", []],
  ])("%j reads as %j", (requirement, checks) => {
    expect(read(requirement).checks).toEqual(checks);
  });

  test.each([
    "Explain what a placeholder is",
    "Write about how to use placeholders in square brackets",
    "Don't use placeholders in square brackets",
    "Avoid markdown emphasis",
    "Name 2 tools that use bold text",
    "Write 3 paragraphs with bold headings",
    "List 3 benefits of using bold text",
    "Write two paragraphs. At least two are needed.",
    "Explain when to use bold text; at least two examples are needed",
    // Bare brackets are parentheses in British English: no placeholders.
    "Give 3 synonyms in brackets",
    "Put the synonyms in brackets; at least two are needed",
  ])("%j asks for no count of placeholders or highlights", (requirement) => {
    const counted = parseRequirement(requirement).checks.filter(
      (check) => check.kind === "count" && (check.unit === "placeholders" || check.unit === "highlights"),
    );
    expect(counted).toEqual([]);
  });

  test.each([
    ["Translate the Chinese text into English", ["eng"]],
    ["Explain the difference between simplified and traditional characters", []],
    ["Don't answer in Traditional Chinese", []],
    ["Compare Brazilian and European football", []],
  ])("%j asks for the languages %j only", (requirement, codes) => {
    const languages = parseRequirement(requirement).checks.flatMap((check) =>
      check.kind === "language" ? [check.language] : [],
    );
    expect(languages).toEqual(codes);
  });
});

test.each([
  ["a keyword list beside a name", "Reference both GDPR and consent and "],
  ["a name said to show up", "make sure Ada Lovelace Ada Lovelace "],
  ["a language variety", "in Simplified Traditional Brazilian "],
  ["a count of things made highlights", "Mark 3 or more safety warnings with markdown emphasis such as *x* "],
  [
    "a count of placeholders said later",
    "Use placeholders in square brackets for the details, at least two of them, ",
  ],
  ["counts without a rule", "at least two are needed, "],
])(
  "a description of %s repeated to 20,000 characters is parsed in time linear in its length",
  (_name, phrase) => {
    // A ratio, as in parse-requirement.test.ts, not a time limit: four times the text takes about four
    // times as long; a pattern that backtracks quadratically would take sixteen. Each length is timed three
    // times (the parse cache emptied between) and its fastest run kept, so that a busy machine does not
    // decide the ratio.
    const timed = (length: number) => {
      const description = phrase.repeat(Math.ceil(length / phrase.length)).slice(0, length);
      let fastest = Number.POSITIVE_INFINITY;
      let parsed = parseRequirement(description);
      for (let run = 0; run < 3; run++) {
        clearParseCache();
        const started = performance.now();
        parsed = parseRequirement(description);
        fastest = Math.min(fastest, performance.now() - started);
      }
      return { ms: fastest, parsed };
    };
    timed(1_000); // warm up the patterns
    const short = timed(5_000);
    const long = timed(20_000);
    expect(long.parsed.description).toHaveLength(20_000);
    expect(long.ms / Math.max(short.ms, 5)).toBeLessThan(10);
  },
);
