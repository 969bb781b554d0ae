/**
 * Words that say nothing about what an idea is about: English function
 * words, the filler of workshop ideas ("we need more…"), and the commonest
 * function words of a few languages attendees mix in. Matched after
 * lower-casing and accent folding, before stemming.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  // English function words
  (
    "a about above after again against all almost along already also although always am among an and " +
    "another any anyone anything are around as at be because been before being below between both but by " +
    "can cannot could did do does doing done down during each either else enough etc even ever every " +
    "for from further get gets getting got had has have having he her here hers herself him himself his " +
    "how however i if in into is it its itself just least less let like lot lots made many may me might " +
    "mine more most much must my myself neither no nor not now of off often on once one only or other " +
    "others our ours ourselves out over own per perhaps quite rather really same shall she should since " +
    "so some something still such than that the their theirs them themselves then there these they " +
    "this those though through thus to too toward towards under until up upon us very via was we well " +
    "were what whatever when where whether which while who whom whose why will with within without would " +
    "yes yet you your yours yourself yourselves dont doesnt didnt isnt arent wasnt cant couldnt wont " +
    "wouldnt shouldnt im ive weve theyre youre thats lets " +
    // workshop filler: how ideas are phrased, not what they are about
    "need needs needed make makes making use used using able better good great new way ways thing things " +
    "idea ideas think want wants really kind sort maybe please also simply " +
    // French, Spanish, Portuguese, Italian, German function words
    "le la les un une des du de et ou en au aux pour par sur avec dans est sont ce cette ces qui que il " +
    "elle nous vous ils pas plus el los las del por con para una unos y es son lo se al o da do dos das " +
    "em um uma il lo gli di che non per con der das und ist ein eine nicht mit fur auf den dem zu von"
  ).split(" "),
);
