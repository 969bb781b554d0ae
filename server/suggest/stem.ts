/**
 * A light English stemmer: folds plurals, -ing, -ed, -ness, -ation and the
 * British and American -ise/-ize so that "funding", "funded" and "fund",
 * or "organisation" and "organize", meet. Deliberately conservative: a
 * wrong merge of two unrelated words hurts clustering more than a missed
 * one, and words of other languages should pass through mostly intact.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  // -ise/-ize and their forms are one suffix on both sides of the Atlantic.
  w = w.replace(/is(e|es|ed|ing|ation|ations)$/, "iz$1");
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|us|is)$/.test(w)) {
    // "access", "bus", "analysis": not plurals
  } else if (/(xes|ches|shes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && w.length > 3) w = w.slice(0, -1);

  if (w.endsWith("ing") && w.length > 5 && /[aeiouy]/.test(w.slice(0, -3))) {
    w = undouble(w.slice(0, -3));
  } else if (w.endsWith("ed") && w.length > 4 && /[aeiouy]/.test(w.slice(0, -2))) {
    w = w.endsWith("ied") ? `${w.slice(0, -3)}y` : undouble(w.slice(0, -2));
  }
  if (w.endsWith("ly") && w.length > 6) w = w.slice(0, -2);
  if (w.endsWith("ation") && w.length > 7) w = w.slice(0, -3);
  else if (w.endsWith("ness") && w.length > 6) w = w.slice(0, -4);
  else if (w.endsWith("ment") && w.length > 7) w = w.slice(0, -4);
  // "house" and "housing", "communicate" and "communication" (above) end alike.
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** "runn" -> "run", but "call" and "miss" keep their double letter. */
function undouble(w: string): string {
  return /([^aeiouylsz])\1$/.test(w) ? w.slice(0, -1) : w;
}
