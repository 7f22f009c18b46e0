// Package firsthour is the admin's checklist for the first hour of a new
// box: an address pupils can reach, backups (and where they go), teachers
// invited, a first class, the quiz tried once. Each item ticks itself from
// what the box already knows; nothing is stored for it. No HTTP, no SQL.
package firsthour

import (
	"fmt"
	"time"

	"animalgenius/app/textrules"
)

// Facts are what the checklist is made from.
type Facts struct {
	// Reach is the address pupils' devices use; Loopback is true when it is
	// one (no server.public_url, no LAN address); PublicURLSet tells
	// whether server.public_url is set.
	Reach        string
	Loopback     bool
	PublicURLSet bool
	// BackupDir is where scheduled backups go, BackupTime when ("" when
	// off), LastBackup the newest backup archive there (zero: none yet).
	BackupDir  string
	BackupTime string
	LastBackup time.Time
	// CopyTo is backup.copy_to, where they are copied off the box ("": not set).
	CopyTo string
	// Accounts counts teacher and admin accounts, Invites the invitations
	// made (used or not), Classes the classes, Students the quizzes
	// finished (students).
	Accounts int
	Invites  int
	Classes  int
	Students int
}

// Item is one line of the checklist.
type Item struct {
	Key    string `json:"key"`
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Done   bool   `json:"done"`
	// Href is where to do it in the UI ("" when it is done in the config).
	Href   string `json:"href,omitempty"`
	Action string `json:"action,omitempty"`
}

// Checklist is the admin's first hour.
type Checklist struct {
	Items []Item `json:"items"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

// Make builds the checklist from the facts.
func Make(f Facts) Checklist {
	addr := Item{Key: "address", Title: "Check the address pupils use",
		Detail: fmt.Sprintf("Join links and QR codes point at %s.", f.Reach), Done: !f.Loopback}
	switch {
	case f.Loopback:
		addr.Detail = fmt.Sprintf("Join links point at %s, which only this computer can open. Connect the box to the school network, or set server.public_url in its configuration.", f.Reach)
	case !f.PublicURLSet:
		addr.Detail += " It is the box's network address; for a fixed name, set server.public_url."
	}

	backup := Item{Key: "backups", Title: "Know where backups go"}
	switch {
	case f.BackupTime == "":
		backup.Detail = fmt.Sprintf("Scheduled backups are off (backup.time). Run 'animalgenius backup' yourself; archives go to %s.", f.BackupDir)
	case f.CopyTo != "":
		backup.Detail = fmt.Sprintf("Every day at %s a backup goes to %s and is copied off the box to %s.", f.BackupTime, f.BackupDir, f.CopyTo)
	default:
		backup.Detail = fmt.Sprintf("Every day at %s a backup goes to %s. Copy that folder off the box now and then (or set backup.copy_to).", f.BackupTime, f.BackupDir)
	}
	if !f.LastBackup.IsZero() {
		backup.Done = true
		backup.Detail += " The newest is from " + f.LastBackup.UTC().Format("2 Jan 2006 15:04") + " UTC."
	} else {
		backup.Detail += " None has been made yet: run 'animalgenius backup' once to see it work."
	}

	teachers := Item{Key: "teachers", Title: "Invite your teachers", Done: f.Accounts > 1 || f.Invites > 0,
		Detail: "Send each teacher an invitation link, or make their accounts yourself.", Href: "/admin?tab=invites", Action: "Invite teachers"}
	if teachers.Done {
		teachers.Detail = fmt.Sprintf("%s and %s so far.", textrules.Count(f.Accounts, "account", "accounts"), textrules.Count(f.Invites, "invitation", "invitations"))
	}
	class := Item{Key: "class", Title: "Make a first class", Done: f.Classes > 0,
		Detail: "A class gives you a code and a QR code for pupils to join.", Href: "/teacher/classes/new", Action: "Make a class"}
	if class.Done {
		class.Detail = textrules.Count(f.Classes, "class", "classes") + " on the box."
	}
	quiz := Item{Key: "quiz", Title: "Try the quiz yourself", Done: f.Students > 0,
		Detail: "Open your class's join link on a phone or a second browser and take the quiz as a pupil would; remove that student afterwards.",
		Href:   "/teacher", Action: "Open my classes"}
	if quiz.Done {
		quiz.Detail = textrules.Count(f.Students, "quiz", "quizzes") + " finished so far."
	}

	c := Checklist{Items: []Item{addr, backup, teachers, class, quiz}}
	c.Total = len(c.Items)
	for _, it := range c.Items {
		if it.Done {
			c.Done++
		}
	}
	return c
}
