// The Last Boat to Skerry: the ink original of the Hyosan story in this folder (reference only).
VAR trust = 0
VAR suspicion = 0
VAR coins = 0
VAR tomas_aboard = false
VAR tomas_paid = false
VAR has_draught = false
VAR drops_in_tea = false
VAR rum_in_tea = false
VAR grey_drugged = false
VAR adair_drowsy = false
VAR knows_mantle = false
VAR saw_bar = false
VAR took_bribe = false

-> quay

=== quay ===
Rain on the quay, and the last boat to Skerry pulling at her ropes. I stood at the gangway with the ticket punch.
- (checks) {stopping: Three passengers tonight.|Two to go.|One more.|}
* [Mrs Adair, with the covered birdcage]
    "A bird, on a night like this?" I said.
    "He doesn't mind the weather," said Mrs Adair. "Neither do I."
    ** [Lift the cloth]
        She caught my wrist, not hard. "Please. He frightens easily."
        I let the cloth fall. Something under it had clinked like glass.
        ~ trust -= 1
    ** [Punch her ticket and wish her a dry crossing]
        "Dry," she said, and almost laughed. "That would make a change."
        ~ trust += 1
    -- -> checks
* [The man in the grey coat]
    He showed me a card before I asked for anything: Board of Customs, a photograph, a name I could not read.
    "I'll be watching the cargo," he said. "And the passengers."
    ** ["Anything I should be watching for?"]
        "Only your own business, son. Leave me mine."
        ~ suspicion += 1
    ** [Say nothing and punch his ticket]
        He went aboard without another look.
    -- -> checks
* [The boy with no ticket]
    It was Tomas from the net sheds, soaked to the skin. "I have to get over tonight. Please."
    ** [Let him on for nothing]
        He was up the gangway before I could change my mind.
        ~ tomas_aboard = true
    ** [Make him pay what he has]
        He counted two coins into my hand, warm from his pocket, and did not thank me.
        ~ tomas_aboard = true
        ~ tomas_paid = true
        ~ coins += 2
    ** [Send him home]
        He stood on the quay in the rain and watched us go.
    -- -> checks
* ->
    Captain Moss rang the bell once. I hauled in the gangway and we slid out past the harbour light.
    -> saloon

=== saloon ===
{saloon > 5: -> squall}
-> cabin

=== cabin ===
{stopping: In the saloon the lamps swung on their chains, and the passengers sat as far from each other as the benches allowed.|The swell was growing. Mrs Adair held the cage on her knees.|Spray rattled on the windows like flung gravel.|The boat climbed each wave and fell off the top of it.}
{knows_mantle: Somewhere ahead the Skerry light should have been burning. There was nothing out there but dark.}
- (opts)
+ [Go up to the wheelhouse] -> wheelhouse
+ [Make tea in the galley]
    -> tea -> saloon
* [Sit with Mrs Adair] -> adair
* [Sit by the man in the grey coat] -> grey
* {tomas_aboard} [Look for Tomas on deck] -> tomas
* [Open the medicine chest]
    Bandages, iodine, and a brown bottle with a careful label: two drops for sleep.
    ** [Pocket the bottle]
        ~ has_draught = true
        It sat cold against my hip.
    ** [Leave it]
        I closed the lid.
    -- -> saloon
+ [Look out of the window]
    {&Black water.|Black water, and the rain on it.|Only my own face, looking back.}
    -> opts

=== wheelhouse ===
Captain Moss had both hands on the wheel. {stopping: "Weather's turning," she said.|"Told you," she said, without looking round.|She said nothing. Her knuckles were white on the spokes.}
* [Ask about the Skerry light]
    "Adair keeps it. Good man. It failed last night, and he's waiting on a new mantle from town. There's a collier due past the point at two."
    ~ knows_mantle = true
* [Tell her about the man in the grey coat]
    {suspicion > 0: "Customs don't ride the night boat," she said. "Keep an eye on him."|"Customs, is he?" She shrugged. "Let him count the crates."}
+ [Go back down]
- -> saloon

=== tea ===
The galley kettle took its time.{! I found the cook's rum behind the flour tin.}
* [Add a splash of rum]
    ~ rum_in_tea = true
+ [Keep it plain]
* {has_draught} [Stir two drops from the brown bottle into one mug]
    ~ drops_in_tea = true
- I carried the mugs out on a tray{has_draught and not drops_in_tea:, the brown bottle heavy in my pocket}.
+ [Give Mrs Adair a mug]
    "Thank you," she said, and meant it.{rum_in_tea: She sniffed it and smiled.}
    ~ trust += 1
    {drops_in_tea:
        ~ adair_drowsy = true
    }
+ [Give the man in the grey coat a mug]
    He drank it without looking at me.
    {drops_in_tea:
        ~ grey_drugged = true
    }
- ~ drops_in_tea = false
->->

=== adair ===
Mrs Adair moved the cage to make room for me. Under the cloth something shifted: glass, not feathers.
* [Ask what is really in the cage]
    {trust > 0:
        She lifted the cloth an inch. A lamp mantle packed in straw, and a glass chimney. "For my husband's light. It failed last night."
        ~ knows_mantle = true
    - else:
        "A bird," she said, and looked out of the window.
    }
* [Talk about the weather]
    "My husband says the sea is the only honest thing on Skerry." She almost smiled.
    ~ trust += 1
- -> saloon

=== grey ===
The man in the grey coat made no room for me. He was watching Mrs Adair's cage.
* ["Something wrong with the cage?"]
    "Nothing that need concern the boat." He looked at me properly for the first time. "What do they pay you, for a night like this?"
    ~ suspicion += 1
    ** [Tell him]
        "Then here is a month of it." Five coins on the bench between us. "When the time comes, you will be somewhere else."
        *** [Take the coins]
            I took them. They were very cold.
            ~ coins += 5
            ~ took_bribe = true
        *** [Leave them on the bench]
            He put them away. {suspicion > 1: "Pity," he said. It was not a kind word.}
    ** [Tell him it's none of his business]
        ~ suspicion += 1
        "No," he agreed. "It isn't."
* [Offer to hang his coat by the stove]
    "Kind of you." He kept it on. As he settled back I saw the iron bar sewn into the lining.
    ~ saw_bar = true
- -> saloon

=== tomas ===
Tomas was at the stern rail, in the lee of the lifeboat.{tomas_paid: He did not look at me.}
* [Ask why he had to cross tonight]
    "My mother's the keeper's sister." He swallowed. "The light's been out since yesterday. Uncle won't leave it, and she won't leave him."
    ~ knows_mantle = true
* [Tell him to get out of the weather]
    He went in without a word.
- -> saloon

=== squall ===
The squall hit us broadside. The saloon tipped, the lamps swung flat, and when it righted the man in the grey coat was on his feet with Mrs Adair's cage in his hands.
{grey_drugged: He swayed. His eyes would not stay open.}
{took_bribe: He looked at me. I was meant to be somewhere else.}
* {grey_drugged} [Take the cage from his slack hands]
    He let it go as if it bored him, sat down on the floor and began to snore.
    -> landing
* [Grab for the cage]
    {saw_bar: I remembered the iron bar and went for his arm, not the cage.} We went down together among the benches.
    {saw_bar: -> landing}
    {~ -> landing|-> overboard}
* {tomas_aboard and not tomas_paid} [Shout for Tomas]
    Tomas came through the door like a wave. Between us we pinned the man to a bench.
    -> landing
* {took_bribe} [Look away, as you were paid to]
    -> end_paid
* [Stay where you are]
    He was out of the door and at the rail before anyone moved.
    -> end_dark

=== overboard ===
He tore free and flung the cage over the rail, and before I had thought about it I went after it.
The water was so cold it felt like being struck.
* [Swim for the cage]
    I got one hand on the handle.{tomas_aboard: A lifebuoy smacked the water beside me. Tomas, at the rail, shouting.}
    -> end_swim
* [Swim for the boat's lights]
    -> end_dark

=== landing ===
Skerry harbour came up out of the rain{grey_drugged:, the man in the grey coat asleep across two benches}.
Mrs Adair was down the gangway before we had tied up, the cage in her arms{adair_drowsy:, yawning as if she had not slept in a week}.
* [Go with her to the lighthouse]
    -> lamp_room
* [Stay aboard and guard the man in the grey coat]
    I sat across from him until the constable came. Over the harbour, at last, the light came on.
    -> end_light

=== lamp_room ===
The keeper was a thin man with burned fingers. The old mantle hung in ash.
* [Hold the lamp steady for him]
* [Unpack the new mantle]
- He lit it. The light went out over the water in one long white arm, and swung, and came round again.
-> end_light

=== end_light ===
At two in the morning a ship's horn sounded off the point, once, far out and safe.
{coins > 0: I had {coins} coins in my pocket. I did not think about them.}
THE END: The light burns.
-> END

=== end_swim ===
We came ashore on the lighthouse rocks, the cage and I, and the keeper hauled us both up the steps.
By two the light was burning and I was wrapped in every blanket on Skerry.
THE END: Overboard.
-> END

=== end_dark ===
I heard the splash. The cage went down somewhere behind us, and the Skerry light stayed dark.
At two in the morning, far out past the point, a ship's horn sounded, and kept sounding, and stopped.
THE END: The dark.
-> END

=== end_paid ===
I looked at the lamps, at the floor, at anything. There was a splash. Mrs Adair did not make a sound.
I had {coins} coins in my pocket when we tied up. They did not get any warmer.
THE END: Paid.
-> END
