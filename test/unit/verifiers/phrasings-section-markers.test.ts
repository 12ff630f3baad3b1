// The general phrasings of three rules that span sentences, each tested on sentences of our own with a
// text that meets it and one that does not: sections marked by a word and a number ("each headed 'Step'
// followed by the step number", "Number your sections with 'Round' (Round 1, ...); the reply needs 3 of
// them"), several responses with a separator ("write the tagline two different ways? Separate the two with
// ****** on its own line", "two alternative subject lines, with ****** separating them"), and a count of
// paragraphs that refers back to a named divider ("Put --- between the paragraphs, and write four of
// them"). Plus sentences that speak of sections, chapters or asterisks and must not be read as these rules.
import { describe, expect, test } from "vitest";
import { parseRequirement } from "../../../src/verifiers/index.js";
import { expectReadAndScored, read } from "../../helpers/phrasing-table.js";

const sections = (marker: string, min?: number, max?: number) => ({
  kind: "sections",
  marker,
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
});
const responses = (count: number, separator: string) => ({ kind: "responses", count, separator });
const paragraphs = (divider: string, min?: number, max?: number) => ({
  kind: "count",
  unit: "paragraphs",
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
  divider,
});

/** A description, the one check it reads (nothing left unchecked), a text that passes and one that fails. */
type Case = [description: string, check: object, passing: string, failing: string];

describe("sections marked by a word and a number", () => {
  test.each<Case>([
    // The count in one sentence, the marker in the next, with its subject ("Every part should begin").
    [
      "Split the report into four parts. Every part should begin with 'Part' and its number.",
      sections("Part", 4, 4),
      "Part 1\nScope.\n\nPart 2\nCosts.\n\nPart 3\nRisks.\n\nPart 4\nPlan.",
      "Part 1\nScope.\n\nPart 2\nCosts.\n\nPart 3\nRisks and plan.",
    ],
    // A quoted marker, then what follows it: "followed by the stage number", "plus a number", "with its number".
    [
      "I need 3 sections, each labelled 'Stage' followed by the stage number.",
      sections("Stage", 3, 3),
      "Stage 1\nPlan.\n\nStage 2\nBuild.\n\nStage 3\nShip.",
      "Plan.\n\nBuild.\n\nShip.",
    ],
    [
      "Head each of the 2 sections with 'Topic' plus a number (Topic 1, Topic 2).",
      sections("Topic", 2, 2),
      "Topic 1\nSoil.\n\nTopic 2\nWater.",
      "Topic 1\nSoil and water.",
    ],
    [
      "The answer should contain two sections; title each one 'Part' with its number.",
      sections("Part", 2, 2),
      "Part 1\nWhy.\n\nPart 2\nHow.",
      "Section 1\nWhy.\n\nSection 2\nHow.",
    ],
    // An unquoted marker, and a verb in -ing.
    [
      "Organise the notes into three sections, each beginning with Topic followed by a number.",
      sections("Topic", 3, 3),
      "Topic 1\nA.\n\nTopic 2\nB.\n\nTopic 3\nC.",
      "Topic 1\nA.\n\nTopic 2\nB and C.",
    ],
    [
      "Make it 5 chapters long, with each chapter beginning with 'Chapter' and a number.",
      sections("Chapter", 5, 5),
      "Chapter 1\nA.\n\nChapter 2\nB.\n\nChapter 3\nC.\n\nChapter 4\nD.\n\nChapter 5\nE.",
      "Chapter 1\nA.\n\nChapter 2\nB.\n\nChapter 3\nC.\n\nChapter 4\nD and E.",
    ],
    // The marker shown by its examples only, and the count referring back ("4 of them").
    [
      "Label your sections 'Week' (Week 1, Week 2, ...); write 4 of them.",
      sections("Week", 4, 4),
      "Week 1\nWalk.\n\nWeek 2\nJog.\n\nWeek 3\nRun.\n\nWeek 4\nRace.",
      "Week 1\nWalk.\n\nWeek 2\nJog.\n\nWeek 3\nRun and race.",
    ],
    // "are needed", "at least", typographic quotes.
    [
      "Two sections are needed; begin each of them with 'Scene' and its number.",
      sections("Scene", 2, 2),
      "Scene 1\nA kitchen.\n\nScene 2\nA garden.",
      "Scene 1\nA kitchen.\n\nScene 2\nA garden.\n\nScene 3\nA street.",
    ],
    [
      "Lay the lesson out as 3 segments. Every segment has to open with “Unit” and a number.",
      sections("Unit", 3, 3),
      "Unit 1\nNouns.\n\nUnit 2\nVerbs.\n\nUnit 3\nAdjectives.",
      "Lesson 1\nNouns.\n\nLesson 2\nVerbs.\n\nLesson 3\nAdjectives.",
    ],
    [
      "Use at least two sections, and prefix each with 'Level' followed by its level number.",
      sections("Level", 2),
      "Level 1\nEasy.\n\nLevel 2\nHard.\n\nLevel 3\nExpert.",
      "Level 1\nEasy, hard and expert.",
    ],
  ])("%j", (description, check, passing, failing) =>
    expectReadAndScored(description, [check], passing, failing),
  );
});

describe("several responses with a separator", () => {
  test.each<Case>([
    // The count as ways of writing one thing, the separator in the next sentence or the same.
    [
      "Phrase the slogan three different ways, putting ****** between each one.",
      responses(3, "******"),
      "Fresh bread daily.\n******\nBaked this morning.\n******\nStill warm.",
      "Fresh bread daily.\n******\nBaked this morning.",
    ],
    [
      "Say it in two different ways. Put ****** on its own line between the two.",
      responses(2, "******"),
      "We are closed today.\n******\nSorry, no service today.",
      "We are closed today.\n\nSorry, no service today.",
    ],
    // Any things counted, when they are said to differ, and the separator "dividing them", "as the separator".
    [
      "Give me 2 distinct product names, with ****** dividing them.",
      responses(2, "******"),
      "Brightly\n******\nGlowly",
      "Brightly\n*****\nGlowly",
    ],
    [
      "I'd like two contrasting opening lines for the speech; use ****** as the separator.",
      responses(2, "******"),
      "Friends, we made it.\n******\nNobody thought we would be here.",
      "Friends, we made it.\n******\nFriends, we made it.",
    ],
    [
      "Write 3 different limericks about cats, with a row of six asterisks between each one.",
      responses(3, "******"),
      "A cat sat.\n******\nA cat ran.\n******\nA cat slept.",
      "A cat sat.\n******\nA cat ran.",
    ],
    [
      "Produce 2 alternative titles for the podcast, separated by ******.",
      responses(2, "******"),
      "Small Talk\n******\nBig Questions",
      "Small Talk\n***\nBig Questions",
    ],
    // "a pair of" counts two.
    [
      "Please write a pair of distinct replies, separated by ******.",
      responses(2, "******"),
      "Yes.\n******\nNo.",
      "Yes.\n******\nNo.\n******\nMaybe.",
    ],
    // That they must differ, said apart, is part of the rule.
    [
      "The two versions must differ; separate them with six asterisks.",
      responses(2, "******"),
      "Come early.\n******\nCome late.",
      "Come early.\n******\ncome early.",
    ],
  ])("%j", (description, check, passing, failing) =>
    expectReadAndScored(description, [check], passing, failing),
  );
});

describe("a count of paragraphs that refers back to their divider", () => {
  test.each<Case>([
    [
      "Separate the paragraphs with ***; I need three of them.",
      paragraphs("***", 3, 3),
      "One.\n\n***\n\nTwo.\n\n***\n\nThree.",
      "One.\n\n***\n\nTwo and three.",
    ],
    [
      "Use *** between paragraphs and write exactly 2 of them.",
      paragraphs("***", 2, 2),
      "One.\n***\nTwo.",
      "One.\n\nTwo.",
    ],
    [
      "Paragraphs are divided by ---. There should be 5 of them.",
      paragraphs("---", 5, 5),
      "A.\n---\nB.\n---\nC.\n---\nD.\n---\nE.",
      "A.\n---\nB.\n---\nC.\n---\nD.",
    ],
    [
      "Put a line of three asterisks (***) between the paragraphs; the essay should have four of them.",
      paragraphs("***", 4, 4),
      "A.\n***\nB.\n***\nC.\n***\nD.",
      "A.\n***\nB.\n***\nC.",
    ],
    [
      "Divide the paragraphs with ***, and include at least 3 of them.",
      paragraphs("***", 3),
      "A.\n***\nB.\n***\nC.\n***\nD.",
      "A.\n***\nB.",
    ],
    [
      "Separate paragraphs using ~~~. Write no more than 4 of them.",
      paragraphs("~~~", undefined, 4),
      "A.\n~~~\nB.",
      "A.\n~~~\nB.\n~~~\nC.\n~~~\nD.\n~~~\nE.",
    ],
  ])("%j", (description, check, passing, failing) =>
    expectReadAndScored(description, [check], passing, failing),
  );
});

describe("sentences that speak of sections, chapters or asterisks but are none of these rules", () => {
  test.each([
    "Don't use sections.",
    "Explain what a chapter is.",
    // "a number" is no marker: which word starts each section is not said.
    "Start each section with a number.",
    "Number the sections.",
    "Write 3 chapters about the war.",
    "Summarize chapter 3 in two sentences.",
    "Name the sections after the seasons.",
    "Rate it from one to six asterisks.",
    "Use six asterisks to mark emphasis.",
    "Give two examples of asterisks in markdown.",
    // Differing things with no separator, and a separator with nothing counted.
    "Write two different poems about spring.",
    "Separate them with ******.",
    // A blank line between list items is no rule of paragraphs.
    "List three items with a blank line between each.",
    // "of them" after a verb that does not write them, or with no divider named.
    "Separate the paragraphs with ***. Bold two of them.",
    "Pick three fruits and write two of them.",
  ])("%j reads no sections, responses or count of paragraphs", (description) => {
    const kinds = parseRequirement(description).checks.map((check) =>
      check.kind === "count" ? `count ${check.unit}` : check.kind,
    );
    expect(kinds).not.toContain("sections");
    expect(kinds).not.toContain("responses");
    expect(kinds).not.toContain("count paragraphs");
  });

  test("a blank line between paragraphs is their usual divider, read with their count", () => {
    expect(read("Write two paragraphs, with a blank line between them.")).toStrictEqual({
      checks: [{ kind: "count", unit: "paragraphs", min: 2, max: 2 }],
      unchecked: [],
    });
  });

  test("two different paragraphs with a divider between them are paragraphs, not responses", () => {
    expect(read("Write two different paragraphs with *** between them.")).toStrictEqual({
      checks: [paragraphs("***", 2, 2)],
      unchecked: [],
    });
  });
});

describe("long adversarial descriptions built from these phrasings", () => {
  // 20,000 characters of one phrasing repeated, with a tail that fails every pattern: the patterns here are
  // bounded (no nested unbounded repetition), so this parses at once; the test runner's timeout catches a
  // pattern that backtracks.
  const LENGTH = 20_000;
  test.each([
    "each headed 'Step' followed by the step ",
    "Mark each one with 'Module' and its and its ",
    "Number your sections with 'Round' (Round Round ",
    "Each chapter must start on its own line with ",
    "write the tagline two different ways two ",
    "two alternative subject lines for the two alternative ",
    "with ****** separating with six asterisks ",
    "they must not be they must not be identical ",
    "and write four of them of them ",
    "Structure the essay as the essay as 3 ",
  ])("%j repeated is parsed", (phrase) => {
    const description = `${phrase.repeat(Math.ceil(LENGTH / phrase.length)).slice(0, LENGTH)} x`;
    const parsed = parseRequirement(description);
    expect(parsed.description).toBe(description);
    expect(["verifiable", "partially_verifiable", "unverifiable"]).toContain(parsed.verdict);
  });
});
