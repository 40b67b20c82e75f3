//! Closed word classes used by the grammar and the context filters. All
//! lookups take an ASCII-lowercased word; `match` on string literals keeps
//! them allocation-free.

/// "zero" .. "nineteen".
pub(crate) fn small(w: &str) -> Option<u128> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

/// "twenty" .. "ninety".
pub(crate) fn tens(w: &str) -> Option<u128> {
    Some(match w {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Multiplicative scale words, spelled out or abbreviated as in news copy.
pub(crate) fn scale(w: &str) -> Option<u128> {
    Some(match w {
        "hundred" => 100,
        "thousand" => 1_000,
        "million" | "mn" | "mln" => 1_000_000,
        "billion" | "bn" | "bln" => 1_000_000_000,
        "trillion" | "tn" => 1_000_000_000_000,
        _ => return None,
    })
}

/// A plural scale used as a vague quantity ("hundreds", "tens of thousands").
#[derive(Clone, Copy, Debug)]
pub(crate) struct Plural {
    /// Size of one unit: hundreds → 100.
    pub unit: u128,
    /// Standalone interval, in numbers (not units).
    pub lo: u128,
    pub hi: u128,
    /// Lower bound of "in the <plural>": in the hundreds → 100.
    pub in_the_lo: u128,
}

/// See the ranges table in the crate docs for the rationale.
pub(crate) fn plural(w: &str) -> Option<Plural> {
    let p = |unit: u128| Plural {
        unit,
        lo: 2 * unit,
        hi: 10 * unit - 1,
        in_the_lo: unit,
    };
    Some(match w {
        "tens" => Plural {
            unit: 10,
            lo: 20,
            hi: 99,
            in_the_lo: 10,
        },
        "dozens" => Plural {
            unit: 12,
            lo: 24,
            hi: 99,
            in_the_lo: 12,
        },
        "scores" => Plural {
            unit: 20,
            lo: 40,
            hi: 199,
            in_the_lo: 20,
        },
        "hundreds" => p(100),
        "thousands" => p(1_000),
        "millions" => p(1_000_000),
        "billions" => p(1_000_000_000),
        _ => return None,
    })
}

/// Words after which a number names something rather than counting it
/// ("Article 5", "Channel 4", "aged 34", "No 10", "page 3").
pub(crate) fn blocks_following_number(w: &str) -> bool {
    matches!(
        w,
        "article"
            | "articles"
            | "section"
            | "clause"
            | "chapter"
            | "rule"
            | "paragraph"
            | "para"
            | "part"
            | "page"
            | "pages"
            | "pp"
            | "no"
            | "nos"
            | "number"
            | "room"
            | "flight"
            | "route"
            | "highway"
            | "junction"
            | "platform"
            | "gate"
            | "terminal"
            | "level"
            | "stage"
            | "round"
            | "game"
            | "week"
            | "day"
            | "year"
            | "category"
            | "class"
            | "grade"
            | "channel"
            | "radio"
            | "version"
            | "form"
            | "mk"
            | "act"
            | "scene"
            | "verse"
            | "tier"
            | "phase"
            | "zone"
            | "district"
            | "ward"
            | "vol"
            | "volume"
            | "issue"
            | "episode"
            | "series"
            | "season"
            | "step"
            | "lane"
            | "bus"
            | "line"
            | "unit"
            | "block"
            | "floor"
            | "size"
            | "rank"
            | "ranked"
            | "seed"
            | "seeded"
            | "aged"
            | "age"
            | "ages"
            | "born"
            | "top"
            | "model"
            | "type"
            | "mark"
            | "tel"
            | "telephone"
            | "phone"
            | "code"
            | "ext"
            | "fig"
            | "figure"
            | "table"
            | "item"
            | "division"
            | "group"
            | "pool"
            | "heat"
            | "lap"
            | "hole"
            | "par"
            | "matchday"
            | "track"
            | "slot"
            | "spot"
            | "position"
            | "place"
            | "since"
            | "circa"
            | "world"
            | "catch"
            | "windows"
            | "formula"
            | "apollo"
            | "per"
            | "minus"
            | "negative"
    )
}

/// Words that, right after a number, show it measures rather than counts:
/// durations, clock times, lengths, weights, speeds, data sizes, ratios,
/// currencies and percentages.
pub(crate) fn is_unit(w: &str) -> bool {
    matches!(
        w,
        // durations and frequency
        "year" | "years" | "yr" | "yrs" | "month" | "months" | "mo" | "week" | "weeks" | "wk"
            | "wks" | "day" | "days" | "hour" | "hours" | "hr" | "hrs" | "minute" | "minutes"
            | "min" | "mins" | "second" | "seconds" | "sec" | "secs" | "decade" | "decades"
            | "century" | "centuries" | "night" | "nights" | "fortnight" | "fortnights"
            | "millennium" | "millennia" | "weekend" | "weekends" | "times" | "fold"
            | "season" | "seasons" | "term" | "terms" | "ago" | "old" | "morning" | "mornings"
            | "afternoon" | "afternoons" | "evening" | "evenings"
            // clock
            | "am" | "pm" | "gmt" | "bst" | "utc" | "cet" | "est" | "edt" | "pst" | "o'clock"
            | "o\u{2019}clock"
            // length, area, volume, mass, speed, energy, data
            | "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" | "mile"
            | "miles" | "metre" | "metres" | "meter" | "meters" | "m" | "cm" | "mm" | "ft"
            | "foot" | "feet" | "inch" | "inches" | "yard" | "yards" | "yd" | "yds" | "kg"
            | "kgs" | "kilo" | "kilos" | "kilogram" | "kilograms" | "g" | "gram" | "grams"
            | "mg" | "tonne" | "tonnes" | "ton" | "tons" | "lb" | "lbs" | "ounce" | "ounces"
            | "oz" | "stone" | "litre" | "litres" | "liter" | "liters" | "ml" | "l"
            | "gallon" | "gallons" | "barrel" | "barrels" | "acre" | "acres" | "hectare"
            | "hectares" | "ha" | "sq" | "square" | "cubic" | "mph" | "kph" | "kmh" | "knots"
            | "degree" | "degrees" | "celsius" | "fahrenheit" | "c" | "f" | "kb" | "mb" | "gb"
            | "tb" | "kbps" | "mbps" | "gbps" | "mhz" | "ghz" | "hz" | "megapixel"
            | "megapixels" | "volt" | "volts" | "watt" | "watts" | "kw" | "mw" | "gw" | "kwh"
            | "calorie" | "calories" | "kcal" | "bytes" | "bit" | "rpm" | "dpi" | "x"
            | "gigabyte" | "gigabytes" | "megabyte" | "megabytes" | "kilobyte" | "kilobytes"
            | "terabyte" | "terabytes" | "figure" | "figures" | "gigabit" | "gigabits"
            | "megabit" | "megabits" | "megawatt" | "megawatts" | "gigawatt" | "gigawatts"
            | "kilowatt" | "kilowatts"
            // ratios and shares
            | "percent" | "pc" | "percentage" | "percentages" | "bps" | "basis" | "half"
            | "halves" | "third" | "thirds" | "quarter" | "quarters" | "fifth" | "fifths"
            | "sixth" | "sixths" | "eighth" | "eighths" | "tenth" | "tenths"
    ) || is_currency_word(w)
}

pub(crate) fn is_currency_word(w: &str) -> bool {
    matches!(
        w,
        "dollar"
            | "dollars"
            | "pound"
            | "pounds"
            | "sterling"
            | "euro"
            | "euros"
            | "yen"
            | "yuan"
            | "renminbi"
            | "rupee"
            | "rupees"
            | "rupiah"
            | "pence"
            | "p"
            | "cent"
            | "cents"
            | "franc"
            | "francs"
            | "peso"
            | "pesos"
            | "rouble"
            | "roubles"
            | "ruble"
            | "rubles"
            | "krona"
            | "kronor"
            | "krone"
            | "kroner"
            | "rand"
            | "naira"
            | "shekel"
            | "shekels"
            | "dinar"
            | "dinars"
            | "dirham"
            | "dirhams"
            | "riyal"
            | "riyals"
            | "baht"
            | "ringgit"
            | "lira"
            | "lire"
            | "usd"
            | "eur"
            | "gbp"
            | "chf"
            | "jpy"
    )
}

/// Currency words written before the amount ("Rs 500", "USD 300").
pub(crate) fn is_currency_prefix_word(w: &str) -> bool {
    matches!(
        w,
        "rs" | "usd" | "eur" | "gbp" | "chf" | "jpy" | "inr" | "aud" | "cad"
    )
}

pub(crate) fn is_currency_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '£' | '€' | '¥' | '₹' | '₩' | '₦' | '₽' | '₪' | '฿' | '₺' | '¢'
    )
}

/// Month names; "may", "march" and the abbreviations only count when
/// capitalised (checked by the caller).
pub(crate) fn month(w: &str) -> Option<bool> {
    // Some(true) = needs capital letter to be a month.
    match w {
        "january" | "february" | "april" | "june" | "july" | "august" | "september" | "october"
        | "november" | "december" => Some(false),
        "may" | "march" | "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep"
        | "sept" | "oct" | "nov" | "dec" => Some(true),
        _ => None,
    }
}

/// Closed-class words: after "one", a function word means "one" is a pronoun
/// ("one of", "one who", "one is"); they are also not nouns for the
/// noun-required checks.
pub(crate) fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "from"
            | "as"
            | "and"
            | "or"
            | "nor"
            | "but"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "this"
            | "these"
            | "those"
            | "it"
            | "its"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "shall"
            | "should"
            | "not"
            | "no"
            | "than"
            | "then"
            | "so"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "since"
            | "until"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "about"
            | "more"
            | "less"
            | "up"
            | "down"
            | "out"
            | "off"
            | "per"
            | "each"
            | "every"
            | "all"
            | "both"
            | "either"
            | "neither"
            | "he"
            | "she"
            | "they"
            | "we"
            | "you"
            | "i"
            | "me"
            | "him"
            | "her"
            | "them"
            | "us"
            | "our"
            | "their"
            | "his"
            | "my"
            | "your"
            | "there"
            | "here"
            | "also"
            | "too"
            | "only"
            | "just"
            | "another"
            | "other"
            | "such"
            | "way"
            | "thing"
            | "things"
            | "hand"
            | "side"
            | "point"
            | "another's"
            | "way's"
            | "day"
            | "time"
            | "stage"
            | "reason"
            | "example"
            | "instance"
            | "respect"
            | "sense"
            | "another’s"
            | "against"
            | "between"
            | "among"
            | "during"
            | "without"
            | "within"
            | "where"
            | "why"
            | "how"
            | "what"
            | "yet"
            | "very"
            | "most"
            | "much"
            | "many"
            | "some"
            | "any"
            | "few"
            | "own"
            | "again"
            | "ever"
            | "even"
            | "still"
            | "already"
            | "now"
            | "say"
            | "says"
            | "said"
            | "told"
    )
}

/// Nouns that make a 4-digit year-like number a count ("2000 people").
pub(crate) fn is_strong_count_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "men"
            | "women"
            | "children"
            | "kids"
            | "adults"
            | "protesters"
            | "protestors"
            | "demonstrators"
            | "troops"
            | "soldiers"
            | "officers"
            | "police"
            | "policemen"
            | "workers"
            | "jobs"
            | "staff"
            | "employees"
            | "students"
            | "residents"
            | "refugees"
            | "migrants"
            | "civilians"
            | "prisoners"
            | "detainees"
            | "inmates"
            | "families"
            | "homes"
            | "houses"
            | "buildings"
            | "victims"
            | "casualties"
            | "deaths"
            | "dead"
            | "arrests"
            | "fans"
            | "supporters"
            | "members"
            | "activists"
            | "voters"
            | "votes"
            | "delegates"
            | "participants"
            | "marchers"
            | "rioters"
            | "fighters"
            | "militants"
            | "rebels"
            | "personnel"
            | "passengers"
            | "patients"
            | "pupils"
            | "teachers"
            | "doctors"
            | "nurses"
            | "firefighters"
            | "cases"
            | "complaints"
            | "signatures"
            | "copies"
            | "units"
            | "vehicles"
            | "cars"
    )
}

/// Words before a year that give it away ("in 2004", "the 2005 elections").
pub(crate) fn is_year_prev(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "the"
            | "of"
            | "by"
            | "until"
            | "till"
            | "from"
            | "before"
            | "after"
            | "during"
            | "and"
            | "to"
            | "between"
            | "early"
            | "late"
            | "mid"
            | "summer"
            | "winter"
            | "spring"
            | "autumn"
            | "fall"
            | "a"
            | "an"
            | "this"
            | "that"
            | "its"
            | "their"
            | "his"
            | "her"
    )
}

/// Words (or word-like prefixes) that show "N-M" is a score, not a range.
pub(crate) fn is_score_word(w: &str) -> bool {
    matches!(
        w,
        "won"
            | "win"
            | "wins"
            | "winning"
            | "beat"
            | "beats"
            | "beaten"
            | "lost"
            | "lose"
            | "loses"
            | "losing"
            | "drew"
            | "draw"
            | "drawn"
            | "led"
            | "lead"
            | "leads"
            | "leading"
            | "trail"
            | "trailed"
            | "trailing"
            | "score"
            | "scored"
            | "scoreline"
            | "victory"
            | "victories"
            | "defeat"
            | "defeats"
            | "defeated"
            | "thrashed"
            | "thrashing"
            | "edged"
            | "loss"
            | "aggregate"
            | "triumph"
            | "drubbing"
            | "reverse"
            | "result"
            | "margin"
            | "home"
            | "away"
            | "half"
            | "final"
            | "sets"
            | "set"
            | "vote"
            | "majority"
            | "verdict"
            | "ruling"
            | "decision"
    )
}

/// "one thing", "one way", ...: idioms where "one" is not a useful count.
pub(crate) fn is_one_stop(w: &str) -> bool {
    matches!(
        w,
        "another"
            | "thing"
            | "things"
            | "way"
            | "hand"
            | "side"
            | "point"
            | "time"
            | "stage"
            | "day"
            | "reason"
            | "example"
            | "instance"
            | "respect"
            | "sense"
            | "kind"
            | "sort"
            | "type"
            | "form"
            | "aspect"
            | "area"
            | "problem"
            | "question"
            | "issue"
            | "option"
            | "factor"
            | "element"
            | "source"
            | "version"
            | "step"
            | "more"
            | "less"
            | "too"
            | "apiece"
            | "each"
            | "else"
            | "or"
    )
}

/// Street-name suffixes ("10 Downing Street").
pub(crate) fn is_street(w: &str) -> bool {
    matches!(
        w,
        "street"
            | "st"
            | "road"
            | "rd"
            | "avenue"
            | "ave"
            | "lane"
            | "square"
            | "place"
            | "drive"
            | "close"
            | "crescent"
            | "terrace"
            | "gardens"
            | "boulevard"
            | "way"
            | "row"
            | "park"
    )
}

/// Verbs whose object "thousands"/"billions" is usually money
/// ("cost users thousands", "lost billions").
pub(crate) fn is_money_verb(w: &str) -> bool {
    matches!(
        w,
        "cost"
            | "costs"
            | "costing"
            | "lost"
            | "lose"
            | "losing"
            | "paid"
            | "pay"
            | "paying"
            | "earn"
            | "earns"
            | "earned"
            | "earning"
            | "worth"
            | "spend"
            | "spent"
            | "spending"
            | "raise"
            | "raised"
            | "owe"
            | "owed"
            | "save"
            | "saved"
            | "invest"
            | "invested"
            | "fined"
            | "charge"
            | "charged"
    )
}

/// Verbs of change: "rose 32,000 to 1.41 million" is a change and a new
/// total, not a range.
pub(crate) fn is_change_verb(w: &str) -> bool {
    matches!(
        w,
        "rose"
            | "rise"
            | "rises"
            | "risen"
            | "fell"
            | "fall"
            | "falls"
            | "fallen"
            | "increased"
            | "decreased"
            | "climbed"
            | "dropped"
            | "jumped"
            | "grew"
            | "slipped"
            | "cut"
            | "up"
            | "down"
            | "by"
            | "from"
    )
}
