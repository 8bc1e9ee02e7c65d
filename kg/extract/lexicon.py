"""Word lists about English news language, used by the extract rules.

These are general: titles and offices, reporting verbs, words for groups
and armed forces, and the event taxonomy of ``ontology/kg.ttl`` keyed by
verb and noun lemmas. None of them is about one article.
"""
from __future__ import annotations

__all__ = [
    "EVENT_NOUNS",
    "EVENT_VERBS",
    "GENERIC_ORG_NOUNS",
    "GROUP_HEADS",
    "INSTITUTION_HEADS",
    "REPORTING_VERBS",
    "ROLE_HEADS",
    "ROLE_MODIFIERS",
    "VALUE_LABELS",
    "OFFICE_HEADS",
    "PORTFOLIO_TITLES",
    "SOLAR_BODIES",
    "STORM_WORDS",
    "PLACE_NOUNS",
    "TERRAIN_NOUNS",
    "MEMBER_NOUNS",
    "HONORIFICS",
    "HEDGES",
    "WEAPON_NOUNS",
    "SPORTS_WORDS",
    "CLUB_WORDS",
    "CONTEST_VERBS",
    "CLUB_MEMBER_NOUNS",
    "WIN_NOUNS",
    "COMPANY_HEADS",
    "ORG_KIND_NOUNS",
    "COMPETITION_HEADS",
    "TIME_ZONES",
]

#: spaCy labels that are values, never entity nodes.
VALUE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})

#: Head nouns of titles and offices ("spokesman", "special envoy", "chief executive").
ROLE_HEADS = frozenset(
    """
    president vice-president premier chancellor minister secretary spokesman spokeswoman spokesperson
    envoy ambassador diplomat representative delegate commissioner governor mayor senator congressman
    congresswoman lawmaker legislator mp speaker leader chairman chairwoman chair chairperson director
    executive ceo cfo coo founder co-founder head chief commander general admiral colonel captain
    officer adviser advisor counsel judge justice prosecutor attorney lawyer coach manager striker
    midfielder defender goalkeeper player captain king queen prince princess monarch emperor
    pope archbishop bishop cleric imam rabbi correspondent editor analyst economist professor
    president-elect chief-executive sheriff inspector superintendent marshal treasurer auditor
    nurse doctor surgeon teacher farmer detective constable sergeant firefighter pilot activist
    journalist reporter photographer researcher scientist
    """.split()
)

#: The Sun, the Moon and the planets, which the model may take for persons.
SOLAR_BODIES = frozenset("Sun Moon Mercury Venus Earth Mars Jupiter Saturn Uranus Neptune Pluto".split())

#: First words of the names of storms ("Storm Isha", "Hurricane Katrina"; after "Tropical" or "Super").
STORM_WORDS = frozenset({"storm", "hurricane", "typhoon", "cyclone"})

#: Titles of government office whose portfolio follows them: "Secretary of State", "Minister of Defence".
PORTFOLIO_TITLES = frozenset({"secretary", "minister", "ministers", "secretaries"})

#: Offices of state: a nationality before them names the country ("German Chancellor X"),
#: unlike occupations ("Portuguese striker X").
OFFICE_HEADS = frozenset(
    """
    president premier chancellor minister secretary envoy ambassador king queen prince princess monarch
    emperor governor senator lawmaker mp president-elect
    """.split()
)

#: Last words of names of buildings and institutions: "Queen Elizabeth Hospital", "John F Kennedy
#: Airport" name no person, and a title at their start is part of the name (only words that are not
#: also common surnames, unlike "Hall" or "Park").
FACILITY_HEADS = frozenset(
    """
    airport stadium hospital university college school museum cathedral mosque station hotel prison
    library clinic
    """.split()
)

#: Nouns for a single person (besides titles): a name in apposition to one is a person's
#: ("One bystander, Marius duPlessis, said").
PERSON_NOUNS = frozenset(
    """
    man woman boy girl person resident witness bystander student teacher doctor nurse farmer father mother
    son daughter wife husband brother sister victim survivor passenger driver pilot worker owner tourist
    fan singer actor actress author writer artist lawyer businessman businesswoman scientist soldier
    """.split()
)

#: Nouns for places named after "of" ("the town of X").
PLACE_NOUNS = frozenset("town city village province region district state county capital port island".split())

#: Nouns for land that a name before them belongs to ("the X caves", "the X region"): a name there
#: is a place's, not a person's.
TERRAIN_NOUNS = frozenset(
    """
    region area mountain mountains range cave caves valley province district river coast desert hills island
    islands basin peninsula highlands plateau
    """.split()
)

#: Nouns for weapons, which a model name modifies ("Caesar howitzers", "Patriot missiles", "Leopard
#: tanks"): such a name is a product's, not an organisation's or a person's. Nouns that as often follow
#: a maker's name ("Boeing jets", "SpaceX rockets") are left out.
WEAPON_NOUNS = frozenset(
    """
    howitzer howitzers missile missiles tank tanks launcher launchers rifle rifles drone drones warhead
    warheads interceptor interceptors torpedo torpedoes grenade grenades artillery submarine submarines
    frigate frigates warship warships
    """.split()
)

#: Words that tell a sports report: a club named after its town is an organisation there.
SPORTS_WORDS = frozenset(
    """
    match matches league division cup championship tournament season innings wicket wickets halftime
    half-time goal goals scorer scorers striker midfielder goalkeeper defender soccer football cricket rugby
    baseball basketball hockey tennis golf standings fixtures fixture playoff playoffs semifinal semi-final
    quarterfinal quarter-final inning homer homered pitcher batsman bowler quarterback touchdown
    """.split()
)

#: Words in the names of sports clubs ("Ashford Town", "Kettleby Rovers"): a name with one of them
#: in a results line is a club's even if the model took it for a person's.
CLUB_WORDS = frozenset(
    """
    united city county town rovers athletic athletico atletico wanderers albion rangers fc afc sc ac real
    sporting dynamo dinamo olympique hotspur villa forest thistle celtic academicals
    """.split()
)

#: Last words of companies' names: legal suffixes and the words of trade that end a company's name
#: ("Acme Corp", "Northwind Holdings", "Kestrel Airlines"): such a name is no person's.
COMPANY_HEADS = frozenset(
    """
    corp corp. corporation inc inc. incorporated ltd ltd. limited plc llc llp co co. gmbh ag sa nv bv spa
    group holdings holding bank bancorp airlines airways motors industries pharmaceuticals technologies
    systems software electronics communications telecom petroleum energy resources mining insurance
    securities investments partners capital financial properties foods brewery breweries chemicals steel
    enterprises ventures labs laboratories media entertainment networks logistics shipping
    """.split()
)

#: Common nouns for a kind of organisation, which a name right after them names ("mineral water firm X",
#: "the news weekly X", "Belgian club X", "the carrier X").
ORG_KIND_NOUNS = frozenset(
    """
    firm company group club team side newspaper daily weekly paper magazine agency bank carrier airline
    maker manufacturer retailer publisher broadcaster insurer lender brokerage conglomerate automaker
    carmaker chipmaker miner producer distributor party union
    """.split()
)

#: Last words of the names of competitions ("the Harbour Cup", "the Ruritanian Masters", "the Kettleby Classic"):
#: an event, not an organisation.
COMPETITION_HEADS = frozenset(
    """
    cup cups trophy championship championships open masters games olympics olympiad series prix final
    finals classic tournament invitational
    """.split()
)

#: Time zones ("0930 GMT"): part of a time, not an organisation.
TIME_ZONES = frozenset("gmt utc bst cet cest est edt cst cdt mst mdt pst pdt jst aest aedt ist".split())

#: Verbs of a contest between sides ("X beat Y", "Y lost to X", "X drew with Y", "X host Y"): in a sports
#: report a town that does one of them, or has it done to it, is a club.
CONTEST_VERBS = frozenset(
    """
    beat defeat rout thrash trounce edge down upset overcome outplay outclass outduel outscore eliminate
    blank whitewash crush hammer draw tie lose host play face trail lead overtake
    """.split()
)

#: Nouns a club's name modifies in a sports report ("X striker Y", "the X manager", "X fans").
CLUB_MEMBER_NOUNS = frozenset(
    """
    captain skipper manager coach striker forward midfielder defender goalkeeper keeper winger all-rounder
    batsman bowler pitcher catcher infielder outfielder quarterback player players team side squad fans
    supporters owner chairman teammate team-mate mate
    """.split()
)

#: Nouns of a win, which "over" follows with the loser ("a 3-1 victory over X", "winners over X").
WIN_NOUNS = frozenset({"victory", "victories", "win", "wins", "winner", "winners", "success", "successes"})

#: Forms of address before a surname ("Ms Goodin", "Dr. Smith"): not part of the name.
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss mx mx. dr dr. prof prof.".split())

#: Nouns for the people and parts of a company or body, after its name ("X workers", "the X
#: administrators", "a former X subsidiary"): a name there is an organisation's, not a person's.
MEMBER_NOUNS = frozenset(
    """
    workers employees staff administrators shareholders subsidiary executives creditors customers passengers
    flights shares
    """.split()
)

#: Words that may stand before a role head inside the title ("special envoy", "foreign minister").
ROLE_MODIFIERS = frozenset(
    """
    special foreign prime deputy vice chief senior acting interim former top defence defense interior
    finance economy trade health education justice home state assistant associate executive general
    managing national regional federal supreme first second press principal lead head high attorney
    immigration environment agriculture transport energy industry industrial relations communications
    infrastructure tourism planning employment privacy royal shadow affairs crown majority minority
    """.split()
)

#: Head nouns that make a noun phrase an organisation when a nationality or place modifies it
#: ("French troops", "Malian government", "UN-backed forces").
GROUP_HEADS = frozenset(
    """
    force forces troop troops army military navy police government administration militia militias
    coalition regime authorities authority junta rebels insurgents soldiers marines
    warplanes jets helicopters gunships tanks gunboats warships
    """.split()
)

#: Nouns by which news refers back to a named organisation ("the group", "the company").
GENERIC_ORG_NOUNS = frozenset(
    """
    group organisation organization movement militia outfit company firm insurgency network faction
    """.split()
)

#: Words that, alone, describe an institution by its kind rather than name one ("the Government",
#: "Federal Police", "the Opposition"): such a label means a different body in every article.
GENERIC_INSTITUTION_WORDS = frozenset(
    """
    federal state national central local regional provincial interim new supreme high opposition
    """.split()
)

#: Last words of names that are themselves descriptions ("Foreign Office" is "the office").
INSTITUTION_HEADS = frozenset(
    """
    department ministry union nations council bank court agency office committee commission parliament
    assembly government administration party police army force forces navy university hospital
    institute association federation league fund organisation organization bureau service authority
    corporation company club team board senate congress
    """.split()
)

#: Verbs that report speech; the subject is the speaker.
REPORTING_VERBS = frozenset(
    """
    say tell add state announce declare note stress emphasize emphasise insist maintain claim warn
    explain argue assert affirm confirm deny acknowledge admit reply respond write tweet vow pledge
    promise urge caution predict reiterate comment suggest allege report disclose reveal
    """.split()
)

#: Event taxonomy (ontology/kg.ttl): verb lemma -> event type.
EVENT_VERBS: dict[str, str] = {
    # consult / meet
    "meet": "Meet", "attend": "Meet", "participate": "Meet", "host": "Meet", "convene": "Meet",
    "negotiate": "Meet",
    # travel: the place is where they go (kept only with a place: "left Peru", "headed to Nairobi")
    "visit": "Travel", "travel": "Travel", "arrive": "Travel", "fly": "Travel", "tour": "Travel",
    "leave": "Travel", "return": "Travel", "head": "Travel", "go": "Travel",
    # condemn / criticise (CAMEO "disapprove")
    "condemn": "Condemn", "deplore": "Condemn", "denounce": "Condemn", "criticize": "Condemn",
    "criticise": "Condemn", "accuse": "Condemn", "lash": "Condemn",
    # issue or publish a statement, report, warning (CAMEO "make public statement"), launch an inquiry
    "issue": "Announce", "publish": "Announce", "release": "Announce", "unveil": "Announce",
    # agree
    "agree": "Agree", "sign": "Agree", "strike": "Agree", "conclude": "Agree", "ratify": "Agree",
    # seize
    "capture": "Seize", "seize": "Seize", "recapture": "Seize", "retake": "Seize", "occupy": "Seize", "overrun": "Seize", "take": "Seize",
    # attack
    "attack": "Attack", "target": "Attack", "bomb": "Attack", "shell": "Attack", "strike_at": "Attack",
    "shoot": "Attack",
    "invade": "Attack", "raid": "Attack", "explode": "Attack", "detonate": "Attack",
    # withdraw
    "withdraw": "Withdraw", "pull": "Withdraw", "exit": "Withdraw", "retreat": "Withdraw", "evacuate": "Withdraw",
    # acquire
    "acquire": "Acquire", "buy": "Acquire", "purchase": "Acquire",
    # transfer (people between clubs or employers); appointments and resignations
    "join": "Join", "hire": "Join", "appoint": "Appoint", "nominate": "Appoint",
    "resign": "Resign", "quit": "Resign",
    # law enforcement
    "arrest": "Arrest", "detain": "Arrest", "charge": "Charge", "indict": "Charge", "prosecute": "Charge",
    # deaths and injuries
    "kill": "Die", "die": "Die", "injure": "Injure", "wound": "Injure",
    # sanctions
    "sanction": "Sanction",
    # elect
    "elect": "Elect", "vote": "Elect", "win": "Win", "defeat": "Win",
    # judge
    "rule": "Rule", "convict": "Rule", "sentence": "Rule", "acquit": "Rule", "overturn": "Rule",
    "uphold": "Rule", "fine": "Rule",
    # protest
    "protest": "Protest", "demonstrate": "Protest", "march": "Protest", "rally": "Protest",
    # disaster
    "hit": "Disaster", "devastate": "Disaster", "flood": "Disaster",
}

#: Event taxonomy: noun lemma -> event type.
EVENT_NOUNS: dict[str, str] = {
    "talk": "Meet", "talks": "Meet", "meeting": "Meet", "summit": "Meet", "negotiation": "Meet",
    "conference": "Meet", "consultation": "Meet", "visit": "Travel", "trip": "Travel", "arrival": "Travel",
    "appointment": "Appoint", "resignation": "Resign", "arrest": "Arrest", "indictment": "Charge",
    "death": "Die", "sanction": "Sanction", "sanctions": "Sanction", "condemnation": "Condemn",
    "shooting": "Attack", "blast": "Attack", "explosion": "Attack", "killing": "Die", "slaying": "Die",
    "murder": "Die", "assassination": "Die",
    "deal": "Agree", "agreement": "Agree", "accord": "Agree", "treaty": "Agree", "pact": "Agree",
    "ceasefire": "Agree", "truce": "Agree", "declaration": "Agree", "memorandum": "Agree",
    "capture": "Seize", "seizure": "Seize", "takeover": "Acquire", "acquisition": "Acquire",
    "merger": "Acquire",
    "attack": "Attack", "offensive": "Attack", "assault": "Attack", "strike": "Attack", "raid": "Attack",
    "invasion": "Attack", "bombing": "Attack", "operation": "Attack",
    "withdrawal": "Withdraw", "pullout": "Withdraw", "retreat": "Withdraw", "evacuation": "Withdraw",
    "election": "Elect", "vote": "Elect", "referendum": "Elect", "ballot": "Elect",
    "ruling": "Rule", "verdict": "Rule", "judgment": "Rule", "sentence": "Rule",
    "protest": "Protest", "demonstration": "Protest", "rally": "Protest", "march": "Protest",
    "earthquake": "Disaster", "flood": "Disaster", "flooding": "Disaster", "hurricane": "Disaster",
    "storm": "Disaster", "cyclone": "Disaster", "typhoon": "Disaster", "wildfire": "Disaster",
    "bushfire": "Disaster", "tsunami": "Disaster", "eruption": "Disaster",
    "transfer": "Join", "signing": "Join",
    "war": "Attack",
}

#: Adverbs and phrases that hedge a statement.
HEDGES = frozenset({"reportedly", "allegedly", "apparently", "purportedly", "supposedly", "possibly", "reputedly"})
