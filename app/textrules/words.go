package textrules

// The blocked list is short on purpose: it stops the obvious words in a
// classroom, not every insult. Teachers can rename or remove anything.
//
// blockedWords match a whole word only, so names such as "Scunthorpe",
// "Cassie" or "Dickens" pass. blockedStems match anywhere, even inside a
// longer word or across spaces, so they must never occur inside ordinary
// words.
var blockedWords = map[string]bool{
	"ass": true, "arse": true, "bastard": true, "bitch": true, "bollocks": true, "boob": true, "boobs": true,
	"crap": true, "damn": true, "dick": true, "dildo": true, "douche": true, "fag": true, "hell": true,
	"hoe": true, "jackass": true, "jerk": true, "kkk": true, "nazi": true, "penis": true, "piss": true,
	"poop": true, "porn": true, "prick": true, "pussy": true, "sex": true, "sexy": true, "slut": true,
	"stupid": true, "tit": true, "tits": true, "twat": true, "vagina": true, "wank": true, "whore": true,
	"cunt": true, "nigger": true, "nigga": true, "idiot": true, "moron": true, "dumb": true, "loser": true, "retard": true,
}

var blockedStems = []string{
	"fuck", "shit", "faggot", "asshole", "motherf", "bullshit", "dickhead", "wanker", "porno",
}
