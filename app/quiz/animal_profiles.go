package quiz

// animalProfile is the profile text of one animal, written for this
// project for students aged 10-14 and their teachers.
type animalProfile struct {
	Tagline     string
	Strengths   []string
	GrowthAreas []string
	TeacherTips []string
	WithOthers  string
}

var animalProfiles = map[string]animalProfile{
	Meerkat: {
		Tagline: "A gentle heart with a big imagination.",
		Strengths: []string{
			"Notices when someone feels sad or left out",
			"Comes up with creative ideas nobody else thought of",
			"Stays loyal to friends and to what feels right",
			"Puts real care into work that matters to them",
		},
		GrowthAreas: []string{
			"Speaking up in a big group",
			"Hearing feedback without feeling hurt",
			"Finishing a project after the exciting part is over",
		},
		TeacherTips: []string{
			"Give a little think time before asking for an answer out loud.",
			"Let them show what they learned in creative ways, like a drawing, a story or a model.",
			"Give feedback in private and start with what went well.",
		},
		WithOthers: "Meerkats are warm, loyal teammates who make sure nobody is left out. They do their best work in small groups, where their quiet ideas get heard.",
	},
	Panda: {
		Tagline: "A calm, deep thinker who sees what others miss.",
		Strengths: []string{
			"Thinks deeply and sees the big picture",
			"Makes careful plans and sticks to them",
			"Understands how people feel, even when they say nothing",
			"Stays calm and focused when the room gets busy",
		},
		GrowthAreas: []string{
			"Sharing ideas before they feel perfect",
			"Coping when plans change suddenly",
			"Asking for help instead of doing everything alone",
		},
		TeacherTips: []string{
			"Tell them early when a plan or routine is going to change.",
			"Offer a quiet spot for work they can do on their own.",
			"Ask for their ideas one-on-one; they often have more to say than they show in class.",
		},
		WithOthers: "Pandas are thoughtful teammates who notice what the group really needs. They like working with one or two people they trust and bring calm, well-planned ideas.",
	},
	Owl: {
		Tagline: "A curious mind that wants to know how everything works.",
		Strengths: []string{
			"Asks sharp questions and spots mistakes",
			"Solves problems step by step with logic",
			"Learns on their own and digs deep into a topic",
			"Keeps a cool head under pressure",
		},
		GrowthAreas: []string{
			"Explaining their thinking so others can follow it",
			"Noticing how other people feel",
			"Finishing the work once the puzzle is solved",
		},
		TeacherTips: []string{
			"Explain the reason behind rules and tasks; \"because I said so\" does not work for an Owl.",
			"Offer challenge problems and time to explore them.",
			"Allow think time, and don't mistake quiet for bored.",
		},
		WithOthers: "Owls bring clear thinking and honest feedback to a team. They work well with partners who enjoy ideas, and sometimes need a nudge to share their thinking out loud.",
	},
	Beaver: {
		Tagline: "A steady builder you can always count on.",
		Strengths: []string{
			"Finishes what they start",
			"Keeps things neat and organised",
			"Remembers facts and small details",
			"Follows instructions carefully",
		},
		GrowthAreas: []string{
			"Handling sudden changes",
			"Trying a new way when the old way still works",
			"Speaking up when they need help",
		},
		TeacherTips: []string{
			"Post the plan for the day and give a warning before anything changes.",
			"Give clear steps and an example of finished work.",
			"Thank them for their steady effort; quiet hard workers are easy to overlook.",
		},
		WithOthers: "Beavers are the steady builders of a team. They keep the group on track, do their share and often more, and like it when everyone knows their job.",
	},
	Elephant: {
		Tagline: "A caring friend who brings people together.",
		Strengths: []string{
			"Makes everyone feel welcome",
			"Helps and cheers on classmates",
			"Great at teamwork and sharing",
			"Remembers what matters to other people",
		},
		GrowthAreas: []string{
			"Saying no when they already have too much to do",
			"Not taking disagreements personally",
			"Making a fair choice even if someone will be unhappy",
		},
		TeacherTips: []string{
			"Give them jobs that help others, like welcoming a new student.",
			"Praise kindness and effort, not only results.",
			"When there is a conflict, help them talk it through calmly.",
		},
		WithOthers: "Elephants are the glue of a group. They make sure everyone has a voice and feels part of the team, and they work best where people get along.",
	},
	Otter: {
		Tagline: "Full of energy and always ready for action.",
		Strengths: []string{
			"Brings fun and energy to any group",
			"Learns fast by doing",
			"Adapts quickly when things change",
			"Brave about trying new things",
		},
		GrowthAreas: []string{
			"Sitting still through a long lesson",
			"Planning ahead and meeting deadlines",
			"Thinking before acting",
		},
		TeacherTips: []string{
			"Use hands-on activities, movement and games.",
			"Break big tasks into short, active steps.",
			"Give quick feedback and regular chances to get up and move.",
		},
		WithOthers: "Otters get the group moving and keep it fun. They are great at jumping in, and do well with a partner who helps them plan.",
	},
	Parrot: {
		Tagline: "A bright spark bursting with ideas.",
		Strengths: []string{
			"Comes up with lots of new ideas",
			"Gets excited about learning new things",
			"Good at getting others interested",
			"Finds surprising links between ideas",
		},
		GrowthAreas: []string{
			"Finishing one idea before starting the next",
			"Paying attention to details",
			"Listening as much as talking",
		},
		TeacherTips: []string{
			"Let them brainstorm and share ideas out loud.",
			"Help them choose one idea and make a plan to finish it.",
			"Give variety and choice in how they work.",
		},
		WithOthers: "Parrots spark a group with energy and fresh ideas. They work best with partners who help turn big ideas into finished work.",
	},
	BorderCollie: {
		Tagline: "A natural leader who gets the job done.",
		Strengths: []string{
			"Takes charge and keeps the group on task",
			"Sets goals and works hard to reach them",
			"Makes decisions quickly",
			"Organises people and plans",
		},
		GrowthAreas: []string{
			"Listening to other people's ideas",
			"Being patient when others work more slowly",
			"Thinking about feelings as well as goals",
		},
		TeacherTips: []string{
			"Give them real responsibility, like leading a group task.",
			"Set clear goals and show how success will be measured.",
			"Coach them to share the lead and invite quieter voices in.",
		},
		WithOthers: "Border Collies lead the team toward the goal. They keep everyone busy and on time, and they grow when they make room for quieter classmates.",
	},
}
