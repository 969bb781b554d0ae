/**
 * A labelled set of workshop-like ideas, written for the suggestion tests
 * (community-safety workshops): several themes, near-duplicates, very short
 * and very long ideas, emoji and words in other languages. The theme is the
 * label a good suggestion should recover.
 */
export const LABELLED_IDEAS: Record<string, string[]> = {
  youth: [
    "Free evening youth clubs with sport and music",
    "Free youth clubs in the evenings with sport and music",
    "Open the school sports halls at weekends for young people",
    "Mentoring for teenagers by older young people from the same estate",
    "Boxing and football sessions for young people after school ⚽",
    "Youth workers on the street on Friday and Saturday nights",
    "Peer mentoring scheme for young people at risk of exclusion and gang involvement",
    "Youth club 🏀",
    "More activities for young people in the holidays: sport, music, art and cooking",
    "Pay young people to help run the youth club so they own it",
    "Our estate has nothing for young people after six: the youth club closed two years ago, the sports hall is locked, and teenagers hang around the shops because there is nowhere else to go. Reopen the youth club with proper youth workers, sport, music and a safe space to just be.",
  ],
  sharing: [
    "One shared information system between police, council and health partners",
    "Agree a data sharing protocol between all partners so concerns are not lost",
    "Information sharing agreement signed by every partner",
    "Partners should share information about concerns earlier",
    "A single referral form that all agencies use and share",
    "Monthly partnership meeting to share intelligence and concerns about vulnerable people",
    "GDPR training so staff know what information they can share with partners",
    "Shared database of safeguarding concerns across agencies",
    "Data sharing",
  ],
  funding: [
    "Multi-year funding instead of one-year grants",
    "Grants that last three years so projects can plan and keep staff",
    "Core funding for small charities, not only project funding",
    "Pooled budget across partners to sustain what works after the pilot funding ends",
    "Simpler grant applications for small community groups",
    "Long-term funding 💷 for grassroots groups",
    "Stop funding short pilots that end just as they start working; fund them for longer",
    "Funding",
    "Match funding from local businesses to sustain community projects",
    "Every year we spend months writing grant bids for the same work, lose good staff when the funding ends in March, and start again from scratch. Funders should commit for three to five years, pay for core costs and evaluation, and agree an exit plan with partners long before the money stops.",
  ],
  policing: [
    "Visible neighbourhood police officers who walk the same beat",
    "Police officers attending community meetings regularly to build trust",
    "Same local officer for years so residents get to know and trust them",
    "Police should give feedback on what happened after a report, so people keep reporting",
    "Community police surgery in the library every month",
    "Neighbourhood policing team on foot, not in cars 🚓",
    "Trust in the police is low: officers need to listen, come back and explain decisions",
    "Bobbies on the beat",
  ],
  transport: [
    "Better street lighting on the route from the bus station to the estate",
    "Safer bus stops with lighting and CCTV at night 🚌",
    "Late night buses so young people are not walking home alone",
    "Street lighting in the park and underpasses",
    "Taxi drivers trained to spot and report exploitation at night",
    "Safe routes home from the night-time economy with marshals and lighting",
    "More lighting on dark streets and alleys",
    "Night bus 🌙",
  ],
  mentalHealth: [
    "Trauma-informed training for every frontline worker",
    "Counselling and therapy for young people who witnessed violence",
    "Mental health support in schools with a counsellor every day",
    "Trauma informed approach training for police, teachers and housing officers",
    "Faster access to mental health services for children and teenagers; waiting lists are far too long",
    "Drop-in wellbeing and mental health café run by peers",
    "Counselling for victims and families after a stabbing",
    "Trauma-informed practice across all services",
  ],
  schools: [
    "Stop exclusions from school: excluded children are groomed by gangs",
    "Alternative provision that keeps excluded pupils safe and learning",
    "Teachers trained to spot signs of exploitation in pupils",
    "School exclusion should be the last resort",
    "Knife crime education lessons in every secondary school 🔪",
    "Pupils at risk of exclusion get a mentor and support instead",
    "Education sessions in schools about county lines and exploitation",
    "Fewer exclusions",
  ],
  reporting: [
    "Anonymous text line for reporting concerns",
    "An app to report concerns anonymously 📱",
    "Anonymous online reporting form in several languages",
    "People fear reprisals: make it possible to report without giving your name",
    "Text number to report drug dealing anonymously",
    "Crimestoppers posters in shops, buses and GP surgeries so people know they can report anonymously",
    "Anonymous reporting",
    "Anonymous reporting app",
  ],
  language: [
    "Interpreters at community meetings for people who don't speak English",
    "Translate leaflets into Polish, Urdu, Somali and Arabic",
    "Traduire les informations en français et en arabe pour les familles",
    "Información en español para las familias recién llegadas",
    "Free interpreters for victims reporting crime",
    "Translation of all council information about safety into community languages",
    "Bilingual outreach workers who speak Polish and Romanian",
    "Interpreters 🗣️",
  ],
  housing: [
    "Landlords should report concerns about cuckooing in their properties",
    "Check on tenants who are vulnerable to cuckooing by drug dealers",
    "Housing officers trained to recognise cuckooing and exploitation",
    "Safe housing for young people leaving care",
    "Social housing repairs done fast so estates don't feel abandoned",
    "Emergency housing for families fleeing violence",
    "Landlord licensing scheme with safety checks",
    "Cuckooing",
  ],
  faith: [
    "Work with mosques, churches and temples to reach families",
    "Faith leaders trained to spot radicalisation and exploitation",
    "Faith leaders as trusted messengers in the community",
    "Hold safety events at the mosque and the church hall",
    "Interfaith youth football tournament",
    "Imams, priests and rabbis speak together against violence",
  ],
};

/** The ideas with their theme, in a fixed interleaved order (as ideas arrive in a room). */
export function labelledIdeas(): { text: string; label: string }[] {
  const themes = Object.entries(LABELLED_IDEAS);
  const longest = Math.max(...themes.map(([, ideas]) => ideas.length));
  const out: { text: string; label: string }[] = [];
  for (let i = 0; i < longest; i++) {
    for (const [label, ideas] of themes) if (i < ideas.length) out.push({ text: ideas[i], label });
  }
  return out;
}
