package game

// Outbox carries the game's messages to sockets. Its methods must not
// block: the game's goroutine calls them. The web layer implements it
// over the socket hub.
type Outbox interface {
	// ToAll goes to the host's screens and every player of the game.
	ToAll(gameID int64, msg any)
	// ToHost goes to the host's screens only.
	ToHost(gameID int64, msg any)
	// Reveal goes to the host's screens as it is, and to each player in
	// you with that player's own outcome added as "you".
	Reveal(gameID int64, msg *MsgReveal, you []MsgYou)
	// ToPlayer goes to one player's socket.
	ToPlayer(gameID int64, player int, msg any)
	// DropPlayer closes a player's socket after what is queued, telling why.
	DropPlayer(gameID int64, player int, why *Error)
	// Over closes every socket of the game after what is queued.
	Over(gameID int64)
}

// Phases of a game.
const (
	PhaseLobby    = "lobby"
	PhaseQuestion = "question"
	PhaseReveal   = "reveal"
	PhaseEnded    = "ended"
)

// PlayerView is a player as the host's lobby shows it.
type PlayerView struct {
	ID       int    `json:"id"`
	Nickname string `json:"nickname"`
	Team     string `json:"team,omitempty"`
	Online   bool   `json:"online"`
	Score    int    `json:"score"`
	// HasAvatar: the player joined from a student session, so the host
	// can show the student's avatar (GET /api/v1/games/:id/players/:no/avatar.svg).
	HasAvatar bool `json:"hasAvatar"`
}

// Ranked is a line of a leaderboard.
type Ranked struct {
	Rank     int    `json:"rank"`
	ID       int    `json:"id"`
	Nickname string `json:"nickname"`
	Team     string `json:"team,omitempty"`
	Score    int    `json:"score"`
	Correct  int    `json:"correct"`
	Student  bool   `json:"student"`
}

// TeamScore is a line of the team leaderboard.
type TeamScore struct {
	Rank    int    `json:"rank"`
	Team    string `json:"team"`
	Score   int    `json:"score"` // mean of the members' scores, rounded down
	Members int    `json:"members"`
}

// MsgQuestion asks a question. It has no correct option.
type MsgQuestion struct {
	Type        string   `json:"type"` // "question"
	Index       int      `json:"index"`
	Count       int      `json:"count"`
	Text        string   `json:"text"`
	Options     []string `json:"options"`
	Seconds     int      `json:"seconds"`
	RemainingMs int64    `json:"remainingMs"`
	// ImageURL is the question's picture, served to the game's players.
	ImageURL string `json:"imageUrl,omitempty"`
}

// MsgJoined tells a player they are in (also after a rejoin).
type MsgJoined struct {
	Type   string `json:"type"` // "joined"
	GameID int64  `json:"gameId"`
	PIN    string `json:"pin"`
	Title  string `json:"title"`
	Player int    `json:"player"`
	Token  string `json:"token"`
	// AsStudent: the seat is a signed-in pupil's (its rejoin needs the
	// pupil's session: the page reconnects with ?as=student).
	AsStudent bool         `json:"asStudent,omitempty"`
	Nickname  string       `json:"nickname"`
	Team      string       `json:"team,omitempty"`
	Mode      Mode         `json:"mode"`
	Phase     string       `json:"phase"`
	Count     int          `json:"count"`
	Score     int          `json:"score"`
	Rank      int          `json:"rank"`
	Players   int          `json:"players"`
	Question  *MsgQuestion `json:"question,omitempty"`
	Answered  bool         `json:"answered"`
	Option    int          `json:"option"` // the player's answer when Answered
	LastIndex int          `json:"lastIndex"`
}

// MsgHostState is everything the host's screen needs after (re)connecting.
type MsgHostState struct {
	Type     string       `json:"type"` // "host_state"
	GameID   int64        `json:"gameId"`
	PIN      string       `json:"pin"`
	Title    string       `json:"title"`
	Mode     Mode         `json:"mode"`
	Phase    string       `json:"phase"`
	Locked   bool         `json:"locked"`
	Index    int          `json:"index"`
	Count    int          `json:"count"`
	Players  []PlayerView `json:"players"`
	Question *MsgQuestion `json:"question,omitempty"`
	Answered int          `json:"answered"`
	Reveal   *MsgReveal   `json:"reveal,omitempty"`
}

// MsgLobby is the host's player list (sent at most every flush interval).
type MsgLobby struct {
	Type    string       `json:"type"` // "players"
	Players []PlayerView `json:"players"`
	Count   int          `json:"count"`
}

// MsgProgress tells the host how many have answered.
type MsgProgress struct {
	Type     string `json:"type"` // "progress"
	Index    int    `json:"index"`
	Answered int    `json:"answered"`
	Players  int    `json:"players"`
}

// MsgState tells the host the game's lock and phase changed.
type MsgState struct {
	Type   string `json:"type"` // "state"
	Phase  string `json:"phase"`
	Locked bool   `json:"locked"`
}

// MsgAnswerLocked confirms a player's answer.
type MsgAnswerLocked struct {
	Type   string `json:"type"` // "answer_locked"
	Index  int    `json:"index"`
	Option int    `json:"option"`
}

// MsgReveal closes a question for everyone.
type MsgReveal struct {
	Type     string      `json:"type"` // "reveal"
	Index    int         `json:"index"`
	Count    int         `json:"count"`
	Correct  int         `json:"correct"`
	Counts   []int       `json:"counts"`
	Answered int         `json:"answered"`
	Top      []Ranked    `json:"top"`
	Teams    []TeamScore `json:"teams,omitempty"`
	Last     bool        `json:"last"`
}

// MsgYou is one player's outcome of a question: the "you" object of the
// reveal that player gets (there is no separate result frame).
type MsgYou struct {
	Player   int  `json:"-"`
	Answered bool `json:"answered"`
	Correct  bool `json:"correct"`
	Points   int  `json:"points"`
	Score    int  `json:"score"`
	Rank     int  `json:"rank"`
	Players  int  `json:"players"`
}

// MsgEnded ends the game for everyone.
type MsgEnded struct {
	Type    string      `json:"type"` // "ended"
	GameID  int64       `json:"gameId"`
	Podium  []Ranked    `json:"podium"`
	Teams   []TeamScore `json:"teams,omitempty"`
	Players int         `json:"players"`
	Stopped bool        `json:"stopped"` // the server stopped, not the host
}

// MsgFinal is one player's final place.
type MsgFinal struct {
	Type    string `json:"type"` // "final"
	Rank    int    `json:"rank"`
	Score   int    `json:"score"`
	Correct int    `json:"correct"`
	Players int    `json:"players"`
}

// MsgRanking is the full ranking, for the host.
type MsgRanking struct {
	Type    string   `json:"type"` // "ranking"
	Players []Ranked `json:"players"`
	// NotSaved tells the host the results could not be written (a full
	// disk): shown on the final screen, as nothing else will show them.
	NotSaved string `json:"notSaved,omitempty"`
}
