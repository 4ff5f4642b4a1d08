// Settings for an assistant drafted from its documents' titles and headings, with no model: what
// creating from files falls back to when no model is connected or its answer is unusable. Plain
// templates, so a person can see where each word came from and edit it.
import type { DraftFile, ModelDraft } from "../../schemas/assistant-draft";

const MAX_NAME_CHARS = 60;
// Words too common to name a shared theme on their own ("The handbook", "The FAQ" → not "The").
const STOP_WORDS = new Set(["a", "an", "and", "the", "of", "for", "to", "in", "on", "our", "your", "my"]);

/** "A", "A and B", "A, B and C". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/**
 * One title names the assistant; several are listed when that stays short, else their shared
 * leading words name the theme ("Acme returns", "Acme shipping" → "Acme"), else the first words
 * of the first three titles. Never "X and 2 more".
 */
export function nameFromTitles(titles: readonly string[]): string {
  const unique = [...new Set(titles.map((title) => title.trim()).filter(Boolean))];
  if (unique.length === 0) return "Documents";
  if (unique.length === 1) return unique[0]!.slice(0, MAX_NAME_CHARS).trim();
  const listed = listOf(unique);
  if (listed.length <= MAX_NAME_CHARS) return listed;
  const theme = sharedLeadingWords(unique);
  if (theme) return theme;
  const short = [...new Set(unique.map((title) => firstWords(title, 3)))];
  const two = listOf([...short.slice(0, 2), "others"]);
  return two.length <= MAX_NAME_CHARS ? two : `${short[0]!.slice(0, MAX_NAME_CHARS - 11).trim()} and others`;
}

function sharedLeadingWords(titles: readonly string[]): string | null {
  const split = titles.map((title) => title.split(/\s+/));
  const shared: string[] = [];
  for (let at = 0; at < split[0]!.length; at++) {
    const word = split[0]![at]!;
    if (!split.every((words) => words[at]?.toLowerCase() === word.toLowerCase())) break;
    shared.push(word);
  }
  const meaningful = shared.some((word) => word.length > 2 && !STOP_WORDS.has(word.toLowerCase()));
  const theme = shared.join(" ").replace(/[\s:,;–—-]+$/, "");
  return meaningful && theme.length <= MAX_NAME_CHARS ? theme : null;
}

/** The first words of a title, without a dangling "of" or "and". */
function firstWords(text: string, count: number): string {
  const words = text.split(/\s+/).slice(0, count);
  while (words.length > 1 && STOP_WORDS.has(words.at(-1)!.toLowerCase())) words.pop();
  return words.join(" ");
}

/** The last part of each heading path, without the documents' own titles, in order, once each. */
function topicsOf(files: readonly DraftFile[]): string[] {
  const titles = new Set(files.map((file) => file.title.toLowerCase()));
  const topics = new Map<string, string>();
  for (const file of files) {
    for (const path of file.headings) {
      const topic = path.split(" > ").at(-1)!.trim();
      const key = topic.toLowerCase();
      if (topic && !titles.has(key) && !topics.has(key)) topics.set(key, topic);
    }
  }
  return [...topics.values()];
}

/** A heading as a question: kept when it is one, else asked about. */
function questionFor(topic: string): string {
  if (topic.endsWith("?")) return topic;
  return `What should I know about ${/^[A-Z][a-z]/.test(topic) ? topic.charAt(0).toLowerCase() + topic.slice(1) : topic}?`;
}

function suggestedQuestions(files: readonly DraftFile[]): string[] {
  const questions = topicsOf(files).slice(0, 3).map(questionFor);
  for (const file of files) {
    if (questions.length >= 3) break;
    questions.push(`What does ${file.title} cover?`);
  }
  return [...new Set(questions.map((question) => question.slice(0, 200)))].slice(0, 3);
}

export function draftFromHeadings(files: readonly DraftFile[]): ModelDraft {
  const titles = files.map((file) => file.title);
  const name = nameFromTitles(titles);
  const topics = topicsOf(files).slice(0, 4);
  const sources = listOf([...new Set(titles)].slice(0, 5));
  const description = topics.length
    ? `Answers questions from ${sources}, such as ${listOf(topics)}.`
    : `Answers questions from ${sources}.`;
  const instructions = [
    `You are the ${name} assistant. Answer questions using the passages retrieved from ${sources}.`,
    "Base every answer on those passages, and say so when they do not cover a question rather than guessing.",
    "Keep answers short and clear, and name the document an answer comes from.",
  ].join("\n");
  return {
    name,
    description: description.slice(0, 500),
    instructions,
    suggested_questions: suggestedQuestions(files),
  };
}
