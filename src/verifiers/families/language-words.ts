// The common words of the languages whose texts are often too short for trigrams, or whose trigrams are
// too close to another's: a language's verbs "to be", articles and conjunctions name it. And the
// languages franc cannot tell apart, which count as one unless their common words tell them apart.

// Common function words, for texts too short for trigrams: "cat was too busy chasing a mouse." is
// English by "was", "too" and "a", though franc cannot tell from 25 letters.
export const FUNCTION_WORDS: Record<string, ReadonlySet<string>> = {
  eng: new Set(
    "the and is are was were of to in that it with for on this what you be have has not too but they we he she his her a an my your our their will would can there which who how".split(
      " ",
    ),
  ),
  fra: new Set(
    "le la les et est des une un du que qui dans pour pas sur avec je vous il elle ce sont au aux mais".split(
      " ",
    ),
  ),
  spa: new Set("el la los las y es de que en un una por con para no se del al lo como pero muy".split(" ")),
  deu: new Set(
    "der die das und ist nicht ein eine mit zu den von sie es ich auf für auch dem sind".split(" "),
  ),
  ita: new Set("il la le e è di che un una per non con sono del della gli si ma anche".split(" ")),
  por: new Set("o a os as e é de que um uma não com para do da em se mas muito".split(" ")),
  nld: new Set("de het een en is van niet dat op te met zijn voor ik je ook maar".split(" ")),
  // Hindi, Marathi and Nepali share a script and many trigrams (franc reads one as another on samples),
  // not these: their verbs "to be", "and", "not", "also", "in", "I". Words the others use too are left
  // out (Hindi "को" is Nepali's "of", Marathi "का" a question, Nepali "के" "what", Hindi "या" "or").
  hin: new Set("है हैं और में से नहीं यह था थी थे लिए हूँ भी हम मैं आप".split(" ")),
  mar: new Set("आहे आहेत आहोत आणि नाही पण मी आम्ही तुम्ही आपण मध्ये साठी करून असे त्या".split(" ")),
  npi: new Set("छ छन् छैन र मा यो पनि थियो हुन्छ हुने गर्न गरेको भएको लागि तपाईं".split(" ")),
};

/** The common words of each language in `sample` (which has a letter: a text without is decided before). */
export function voteFunctionWords(sample: string): Map<string, number> {
  const votes = new Map<string, number>();
  // Marks belong to their word: Devanagari's vowel signs are marks ("है" is ह and a sign).
  for (const word of sample.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? []) {
    for (const [code, words] of Object.entries(FUNCTION_WORDS)) {
      if (words.has(word)) votes.set(code, (votes.get(code) ?? 0) + 1);
    }
  }
  return votes;
}

/** Whether the function words clearly name `code`: at least two of them, and more than any other language's. */
export function wordsFavor(sample: string, code: string): boolean {
  const votes = voteFunctionWords(sample);
  const own = votes.get(code) ?? 0;
  if (own < 2) return false;
  for (const [other, count] of votes) if (other !== code && count >= own) return false;
  return true;
}

/** The language the common words clearly name (as {@link wordsFavor} says), if one. */
export function favoredLanguage(votes: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let most = 1;
  let tied = false;
  for (const [code, count] of votes) {
    if (count > most) {
      best = code;
      most = count;
      tied = false;
    } else if (count === most) tied = true;
  }
  return tied ? undefined : best;
}

// Languages franc cannot tell apart reliably from a sample count as one.
export const SAME_AS: Record<string, readonly string[]> = {
  hrv: ["srp", "bos"],
  srp: ["hrv", "bos"],
  bos: ["hrv", "srp"],
  ind: ["zlm"],
  zlm: ["ind"],
  nob: ["nno", "dan"],
  hin: ["mar", "npi", "mai", "bho", "mag"],
  mar: ["hin", "npi"],
  npi: ["hin", "mar"],
  pes: ["prs"],
  prs: ["pes"],
};

/** Whether `found` counts as `wanted`; no language found (undefined) is none. */
export function isSame(found: string | undefined, wanted: string): boolean {
  return found === wanted || (SAME_AS[wanted]?.includes(found as string) ?? false);
}

/**
 * The language among those that count as `wanted` (SAME_AS) whose common words the sample clearly has,
 * when it is another than `wanted`: franc's pick within such a group is not to be trusted, the words are
 * (a Hindi text read as Hindi does not pass "in Marathi", nor a Marathi one read as Hindi "in Hindi").
 */
export function siblingByWords(sample: string, wanted: string): string | undefined {
  return SAME_AS[wanted]?.find(
    (sibling) => FUNCTION_WORDS[sibling] !== undefined && wordsFavor(sample, sibling),
  );
}
