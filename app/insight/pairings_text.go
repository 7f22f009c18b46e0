package insight

import "animalgenius/app/quiz"

// animalPair is two animals and why they matter together, in our words.
type animalPair struct {
	A, B   string
	Reason string
}

// duoPairs are the complementary pairs of SPEC section 4, in SPEC order.
var duoPairs = []animalPair{
	{quiz.Owl, quiz.Otter, "The Owl plans carefully and the Otter gets things moving, so ideas turn into action."},
	{quiz.Owl, quiz.Parrot, "Both love ideas: the Parrot dreams them up and the Owl checks they really work."},
	{quiz.Owl, quiz.BorderCollie, "The Owl finds the smart solution and the Border Collie organises the steps to get there."},
	{quiz.Meerkat, quiz.Otter, "The Otter's energy draws the Meerkat out, and the Meerkat adds heart and imagination."},
	{quiz.Meerkat, quiz.Parrot, "The Parrot's enthusiasm and the Meerkat's creativity make a bright, caring team."},
	{quiz.Panda, quiz.BorderCollie, "Both like a clear plan: the Panda sees the big picture and the Border Collie drives it forward."},
	{quiz.Panda, quiz.Otter, "The Otter keeps things light and lively while the Panda keeps the work thoughtful and on track."},
	{quiz.Beaver, quiz.Parrot, "The Parrot brings fresh ideas and the Beaver makes sure they are finished properly."},
	{quiz.Beaver, quiz.BorderCollie, "Two reliable workers: the Border Collie leads and the Beaver gets every detail right."},
	{quiz.Elephant, quiz.Otter, "Both are friendly and outgoing; the Elephant keeps the team kind while the Otter keeps it fun."},
	{quiz.Elephant, quiz.Parrot, "Big talkers with big hearts: the Parrot sparks ideas and the Elephant makes sure everyone is included."},
	{quiz.Elephant, quiz.BorderCollie, "The Border Collie sets the goal and the Elephant keeps everyone happy on the way there."},
}

// watchPairs are the puzzle pairings of SPEC section 4: not wrong, but
// worth watching.
var watchPairs = []animalPair{
	{quiz.Owl, quiz.Elephant, "The Owl wants logic and the Elephant wants harmony; they may need help hearing each other."},
	{quiz.Meerkat, quiz.BorderCollie, "The Border Collie's fast, direct style can overwhelm a gentle Meerkat."},
	{quiz.Panda, quiz.Parrot, "The Parrot jumps between ideas while the Panda wants a steady plan, which can frustrate both."},
	{quiz.Beaver, quiz.Otter, "The Beaver likes rules and routine and the Otter likes to improvise; agree on the plan first."},
	{quiz.Owl, quiz.Meerkat, "Both are quiet, so a shared task may stall unless one of them is asked to speak for the pair."},
	{quiz.Elephant, quiz.Panda, "The Elephant wants to talk it through now and the Panda needs time alone to think first."},
}

// soloReasons say why each likely solo worker may prefer to work alone.
var soloReasons = map[string]string{
	quiz.Owl:     "Owls often think best alone and may want to finish their own way before sharing.",
	quiz.Panda:   "Pandas recharge with quiet time and like to work through ideas on their own first.",
	quiz.Beaver:  "Beavers like to take a clear task and finish it carefully, without interruptions.",
	quiz.Meerkat: "Meerkats may hold back in groups and often show more when they can work on their own.",
}

// soloAnimals is the order the solo lists appear in.
var soloAnimals = []string{quiz.Owl, quiz.Panda, quiz.Beaver, quiz.Meerkat}
