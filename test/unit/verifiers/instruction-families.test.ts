// Every instruction family of IFEval, read from meaning: each table holds phrasings written for this test
// (not IFEval's templates), negations and counts in words, and says which check each must give.
import { describe, expect, test } from "vitest";
import { type Check, parseRequirement, verify, verifyRequirement } from "../../../src/verifiers/index.js";

/** The checks of a description without their `source`, which only echoes the description. */
function checksOf(description: string): object[] {
  return parseRequirement(description).checks.map(({ source: _source, ...check }: Check) => check);
}

function expectOnly(description: string, checks: object[]): void {
  const parsed = parseRequirement(description);
  expect({ description, checks: checksOf(description), unchecked: parsed.unchecked }).toEqual({
    description,
    checks,
    unchecked: [],
  });
}

describe("capital words", () => {
  test.each([
    ["Use at least 3 words in all caps", { min: 3 }],
    ["Include no fewer than five ALL-CAPS words for emphasis", { min: 5 }],
    ["Words written in capital letters should appear fewer than 4 times", { max: 3 }],
    ["No more than two uppercase words are allowed", { max: 2 }],
    ["The number of all-caps words must be at least a dozen", { min: 12 }],
    ["Don't use more than 3 fully capitalized words", { max: 3 }],
    ["words in all capital letters must appear at least twice", { min: 2 }],
    ["Limit all-caps words to 2", { max: 2 }],
    ["Put at least three words in CAPITAL LETTERS", { min: 3 }],
  ])("%j", (description, bounds) => {
    expectOnly(description, [{ kind: "count", unit: "capital_words", ...bounds }]);
  });

  test("counts words whose letters are all capitals, not the case of the whole text", () => {
    const text = "The NASA team and the ESA team met; I said OK. COVID-19 was discussed. Don't SHOUT.";
    const result = verifyRequirement(text, "Use at least 6 words in all caps");
    // NASA, ESA, I, OK, COVID-19, SHOUT; "Don't" is not a capital word.
    expect(result.reason).toBe("6 words in all capital letters found; at least 6 required");
    expect(result.verdict).toBe("pass");
    expect(verifyRequirement(text, "Use fewer than 6 all-caps words").verdict).toBe("fail");
  });
});

describe("end phrase", () => {
  test.each([
    [
      "End with the exact sentence Is there anything else I can help with?",
      "Is there anything else I can help with?",
    ],
    ["The last words must be: See you next time!", "See you next time!"],
    ["Finish your answer with the phrase Let me know what you think.", "Let me know what you think"],
    [
      "Conclude the email with this exact phrase: Looking forward to your reply. Nothing else should follow.",
      "Looking forward to your reply",
    ],
    [
      "Close your reply with the words Any other questions?. No other words should follow this phrase.",
      "Any other questions?",
    ],
    ["Your final line should be: Thanks for reading!", "Thanks for reading!"],
    ["Sign off with the exact words Kind regards, Sam", "Kind regards, Sam"],
  ])("%j", (description, phrase) => {
    expectOnly(description, [{ kind: "ends_with", phrase }]);
  });

  test("takes a multi-sentence phrase whole when nothing else may follow it", () => {
    expectOnly(
      "End with this exact phrase Hope it helps. Bye now!. No other words should follow this phrase.",
      [{ kind: "ends_with", phrase: "Hope it helps. Bye now!" }],
    );
  });

  test("checks the whole phrase, not its first word", () => {
    const description = "End with the exact sentence Is there anything else I can help with?";
    expect(verifyRequirement("Done.\n\nIs there anything else I can help with?", description).verdict).toBe(
      "pass",
    );
    expect(verifyRequirement("Done. Is there more?", description).verdict).toBe("fail");
  });
});

describe("paragraphs separated by a stated divider", () => {
  test.each([
    ["There should be 3 paragraphs. Paragraphs are separated with the markdown divider: ***", "***"],
    ["Write exactly three paragraphs and separate paragraphs with ***", "***"],
    ["Use *** between paragraphs. Write 3 paragraphs.", "***"],
    ["Write 3 paragraphs; paragraphs must be divided by the separator ---", "---"],
    ["Exactly 3 paragraphs, separated from each other by three asterisks", "***"],
  ])("%j", (description, divider) => {
    expect(checksOf(description)).toEqual([{ kind: "count", unit: "paragraphs", min: 3, max: 3, divider }]);
    expect(parseRequirement(description).unchecked).toEqual([]);
  });

  test("counts the parts between dividers, not blank-line blocks", () => {
    const text = "One.\n\nStill one.\n***\nTwo.\n\nStill two.\n***\nThree.";
    const description =
      "There should be 3 paragraphs. Paragraphs are separated with the markdown divider: ***";
    expect(verifyRequirement(text, description)).toMatchObject({
      verdict: "pass",
      reason: "3 paragraphs separated by *** found; exactly 3 required",
    });
    expect(verifyRequirement("One.\n\nTwo.\n\nThree.", description).verdict).toBe("fail");
  });

  test("a divider with no paragraph rule is reported as not checked", () => {
    expect(parseRequirement("Separate paragraphs with *** and use no commas")).toMatchObject({
      unchecked: ["Separate paragraphs with ***"],
    });
  });

  test("two new lines is the default paragraph break, read and not reported", () => {
    expectOnly("Write 2 paragraphs. Paragraphs are separated by two new lines.", [
      { kind: "count", unit: "paragraphs", min: 2, max: 2 },
    ]);
  });
});

describe("nth paragraph first word", () => {
  test.each([
    ["Paragraph 2 must start with the word However", 2, "However"],
    ["The third paragraph should begin with 'Finally'", 3, "Finally"],
    ["Start the 2nd paragraph with the word moreover", 2, "moreover"],
    ["The first word of paragraph 4 must be 'Overall'", 4, "Overall"],
    ["paragraph one should open with the word Imagine", 1, "Imagine"],
  ])("%j", (description, paragraph, word) => {
    expectOnly(description, [{ kind: "paragraph_start", paragraph, word }]);
  });

  test("checks the nth paragraph's first word, markdown and case aside", () => {
    const description = "There should be 2 paragraphs. Paragraph 2 must start with word summary.";
    expect(verifyRequirement("Intro here.\n\n**Summary** of it.", description).verdict).toBe("pass");
    const wrong = verifyRequirement("Intro here.\n\nIn short, it works.", description);
    expect(wrong.verdict).toBe("fail");
    expect(wrong.reason).toContain('paragraph 2 starts with "In"; must start with "summary"');
  });
});

describe("highlighted sections", () => {
  test.each([
    ["Use no fewer than 3 *highlighted* parts", { min: 3 }],
    ["Highlight at least two key phrases with markdown", { min: 2 }],
    ["Include at least 4 highlighted sections, e.g. *like this*", { min: 4 }],
    ["Bold no more than 2 phrases", { max: 2 }],
    ["Emphasize exactly three sections using markdown", { min: 3, max: 3 }],
    ["Mark at least 3 key terms in bold", { min: 3 }],
  ])("%j", (description, bounds) => {
    expectOnly(description, [{ kind: "count", unit: "highlights", ...bounds }]);
  });

  test("counts markdown emphasis: bold, italic, and not a list star", () => {
    const text = "* item one\n* item **two** and *three*\n__four__ and _five_ but not snake_case_name";
    expect(verifyRequirement(text, "Highlight at least 4 sections").reason).toBe(
      "4 highlighted sections found; at least 4 required",
    );
  });
});

describe("placeholders", () => {
  test.each([
    ["include at least two [placeholder] fields like [name]", { min: 2 }],
    ["Use at least 3 placeholders in square brackets, such as [address]", { min: 3 }],
    ["The template must contain at least five placeholders, e.g. [date]", { min: 5 }],
    ["Add no more than 2 bracketed placeholders", { max: 2 }],
    ["Do not use more than one placeholder", { max: 1 }],
    ["Leave at least 3 blanks in square brackets", { min: 3 }],
    ["Use square brackets for at least two placeholders", { min: 2 }],
  ])("%j", (description, bounds) => {
    expectOnly(description, [{ kind: "count", unit: "placeholders", ...bounds }]);
  });

  test("counts bracketed fields, not links or task boxes", () => {
    const text = "Dear [Name], see [the docs](https://x.y) and [ ] or [x]; signed [Your Name] on [Date].";
    expect(verifyRequirement(text, "Use at least 3 placeholders").reason).toBe(
      "3 placeholders in square brackets found; at least 3 required",
    );
  });
});

describe("letter frequency", () => {
  test.each([
    ["the letter q should appear at least 4 times", { letter: "q", min: 4 }],
    ["Use the letter z at least twice", { letter: "z", min: 2 }],
    ["Include at least five instances of the letter 'k'", { letter: "k", min: 5 }],
    ["The letter e must appear fewer than 3 times", { letter: "e", max: 2 }],
    ["Make sure the letter x occurs exactly once", { letter: "x", min: 1, max: 1 }],
    ["The letter e must not appear", { letter: "e", max: 0 }],
    ["Avoid the letter e entirely", { letter: "e", max: 0 }],
    ["In your response, the letter ! should appear at least 3 times", { letter: "!", min: 3 }],
  ])("%j", (description, fields) => {
    expectOnly(description, [{ kind: "letter_count", ...fields }]);
  });

  test("counts case-insensitively", () => {
    expect(verifyRequirement("Quick quiet Queen", "the letter q should appear at least 3 times").reason).toBe(
      'the letter "q" found 3 times; at least 3 required',
    );
  });
});

describe("repeat the request", () => {
  test.each([
    "First repeat the request word for word without change, then give your answer",
    "Restate my question verbatim before answering",
    "Begin by repeating the prompt exactly, then respond",
    "Repeat the request word for word and then answer it",
    "Copy the question word-for-word first, then give your answer",
  ])("%j", (description) => {
    expectOnly(description, [{ kind: "repeat_request", excluding: description }]);
  });

  const description = "First repeat the request word for word without change, then give your answer";
  test("needs the request: without input it cannot decide", () => {
    expect(verifyRequirement("What is 2+2? It is 4.", description)).toMatchObject({
      verdict: "unverifiable",
      reason: "the request is not known (pass it as input); cannot check that it is repeated",
    });
  });

  test("reads the request from a string or from the user turns of messages", () => {
    const input =
      "What is 2+2?\nFirst repeat the request word for word without change, then give your answer.";
    expect(verifyRequirement("What is 2+2? It is 4.", description, { input }).verdict).toBe("pass");
    expect(verifyRequirement("It is 4.", description, { input }).verdict).toBe("fail");
    const messages = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "What is 2+2?" },
    ];
    expect(verifyRequirement("what is 2+2?  It is 4.", description, { input: messages }).verdict).toBe(
      "pass",
    );
  });

  test("rejects a malformed input with a message naming the function and field", () => {
    expect(() => verifyRequirement("x", description, { input: 42 as never })).toThrow(
      new TypeError(
        "verifyRequirement: options.input must be a string or an array of {role, content} messages, got number",
      ),
    );
    expect(() => verify("x", [], { input: [{ role: "user" }] as never })).toThrow(
      new TypeError("verify: options.input[0] must be a message {role: string, content: string}, got object"),
    );
  });
});

describe("several responses with a separator", () => {
  test.each([
    ["Give two different responses separated by six asterisks", 2, "******"],
    ["Write 3 versions of the slogan; separate them with ***", 3, "***"],
    [
      "Provide two alternative answers. Responses should be separated by 6 asterisk symbols: ******.",
      2,
      "******",
    ],
    ["Give me two distinct replies, divided by the separator ======", 2, "======"],
    ["Offer two drafts and put ****** between the drafts", 2, "******"],
    ["Provide 2 different answers; separate the two answers with ******", 2, "******"],
  ])("%j", (description, count, separator) => {
    expectOnly(description, [{ kind: "responses", count, separator }]);
  });

  test("needs the right number of different, non-empty parts", () => {
    const description = "Give two different responses separated by six asterisks";
    expect(verifyRequirement("Yes.\n******\nNo.", description).verdict).toBe("pass");
    expect(verifyRequirement("Yes.\n******\nYes.", description).reason).toBe(
      "the responses are identical; 2 different responses separated by ****** required",
    );
    expect(verifyRequirement("Yes.\n******\n******\nNo.", description).verdict).toBe("fail");
  });
});

describe("numbered sections", () => {
  test.each([
    [
      "Your response must have 3 sections. Mark the beginning of each section with SECTION X.",
      "SECTION",
      { min: 3, max: 3 },
    ],
    ["Write 4 parts, labelling each part as PART N", "PART", { min: 4, max: 4 }],
    ["Split the plan into at least 2 sections and begin each section with 'Day X'", "Day", { min: 2 }],
    ["Organise it in five sections, each starting with Chapter N", "Chapter", { min: 5, max: 5 }],
    ["Use at most 3 sections, numbered as Step 1, Step 2 and so on", "Step", { max: 3 }],
    [
      "Divide your answer into 3 sections labeled SECTION 1, SECTION 2, SECTION 3",
      "SECTION",
      { min: 3, max: 3 },
    ],
  ])("%j", (description, marker, bounds) => {
    expect(checksOf(description)).toEqual([{ kind: "sections", marker, ...bounds }]);
  });

  test("a marker rule does not swallow a start rule before it", () => {
    expect(checksOf("Begin with the word Hi and mark each section with Part 1")).toEqual([
      { kind: "sections", marker: "Part", min: 1 },
      { kind: "starts_with", phrase: "Hi" },
    ]);
  });

  test("counts section markers at the start of lines", () => {
    const description =
      "Your response must have 2 sections. Mark the beginning of each section with SECTION X.";
    expect(verifyRequirement("SECTION 1\nIntro.\n\n**SECTION 2:** End.", description).verdict).toBe("pass");
    expect(verifyRequirement("Intro. As in SECTION 1 above.", description).reason).toBe(
      '0 sections marked "SECTION N" found; exactly 2 required',
    );
  });
});

describe("a fixed set of answers", () => {
  test.each([
    [
      "Answer with one of the following options: 'My answer is yes.', 'My answer is no.'",
      ["My answer is yes.", "My answer is no."],
    ],
    ["Reply with either 'agree' or 'disagree'", ["agree", "disagree"]],
    ["Your answer must be one of: 'A', 'B', 'C'", ["A", "B", "C"]],
    ["Respond only with yes or no", ["yes", "no"]],
    ['Choose one of these options: ("red", "green", "blue")', ["red", "green", "blue"]],
  ])("%j", (description, options) => {
    expectOnly(description, [{ kind: "one_of", options }]);
  });

  test("passes on an option as written, or a whole text that is an option in any case", () => {
    const description = "Answer with one of the following options: 'My answer is yes.', 'My answer is no.'";
    expect(verifyRequirement("It rains, so My answer is no.", description).verdict).toBe("pass");
    expect(verifyRequirement("my answer is no", description).verdict).toBe("pass");
    expect(verifyRequirement("Well... my answer is no.", description).verdict).toBe("fail");
  });
});

describe("response languages beyond Maestro's nine", () => {
  test.each([
    ["Respond in Kannada", "kan"],
    ["Your entire reply must be written in Marathi", "mar"],
    ["Answer only in Punjabi", "pan"],
    ["Write it in Gujarati language", "guj"],
    ["Use Telugu only", "tel"],
    ["Reply in Tamil, no other language is allowed", "tam"],
    ["The response should be in the Nepali language", "npi"],
    ["Respond in Swahili", "swh"],
  ])("%j", (description, language) => {
    expect(checksOf(description)).toMatchObject([{ kind: "language", language }]);
  });
});

describe("checks of the new kinds built by hand", () => {
  test("are validated with exact messages", () => {
    expect(() =>
      verify("x", [{ kind: "paragraph_start", paragraph: 0, word: "A", source: "" }] as never),
    ).toThrow(new RangeError("verify: checks[0].paragraph must be a positive integer, got 0"));
    expect(() => verify("x", [{ kind: "responses", count: 2, source: "" }] as never)).toThrow(
      new TypeError("verify: checks[0].separator must be a string, got undefined"),
    );
    expect(() => verify("x", [{ kind: "one_of", options: "yes", source: "" }] as never)).toThrow(
      new TypeError("verify: checks[0].options must be an array of strings, got string"),
    );
    expect(() =>
      verify("x", [{ kind: "count", unit: "paragraphs", divider: 3, source: "" }] as never),
    ).toThrow(new TypeError("verify: checks[0].divider must be a string, got number"));
  });

  test("score from plain JSON as parsed ones do", () => {
    const checks = JSON.parse(
      '[{"kind":"letter_count","letter":"a","min":2,"source":""},{"kind":"sections","marker":"Part","min":1,"source":""}]',
    );
    expect(verify("Part 1\nA banana.", checks)).toMatchObject({ verdict: "pass", score: 1 });
  });
});
