"""The demo guide to preventing radicalisation, written for this project in Norwegian Bokmål.

Sections are (slug, title, kind, order, Markdown body); warning signs are (title, what it may mean, what it
does not mean on its own, what to do). The text is general advice for frontline staff, not legal advice."""

SECTIONS = [
    (
        "om-veilederen",
        "Om veilederen",
        "other",
        10,
        """Denne veilederen er for deg som jobber med barn og unge i kommunen: i skolen, i barnevernet, på
helsestasjonen, i fritidsklubben, i NAV eller i en frivillig organisasjon. Den hjelper deg å

- kjenne igjen tegn på at en ung person kan være på vei inn i voldelig ekstremisme,
- vite hva tegnene **kan** bety, og hva de **ikke** betyr alene,
- vite hva du gjør, og hvem du snakker med, fra første bekymring til tiltak.

Veilederen bygger på en enkel tanke: **de fleste bekymringer løses best av de vanlige tjenestene**, tidlig og
i samarbeid med den unge og familien. Politiet og PST kommer inn når bekymringen er alvorlig, og straks når
noen kan være i fare.

> Akutt fare? Ring politiet på **112**.

Kommunens radikaliseringskontakter står under *Kontakter*. De gir råd, også når du er usikker på om
bekymringen er «stor nok».""",
    ),
    (
        "fakta",
        "Fakta om radikalisering",
        "facts",
        20,
        """## Hva vet vi?

- Radikalisering er en **prosess**, ikke en hendelse. Den skjer ofte over måneder eller år, og den kan stoppe
  eller snu underveis.
- Det finnes **ingen fast profil**. Unge som radikaliseres kommer fra alle slags familier og miljøer.
- Mange har likevel noe til felles: et behov for tilhørighet, mening, spenning eller oppreisning, og
  kontakt med personer eller nettmiljøer som tilbyr et enkelt svar og en fiende.
- **Nettet** spiller en stor rolle: lukkede grupper, spill-chatter og videoplattformer kan gå raskt fra humor
  og provokasjon til voldsforherligelse.
- Trusselbildet endrer seg. PST beskriver i sin årlige trusselvurdering både høyreekstreme og ekstreme
  islamistiske miljøer, og et økende antall svært unge personer som radikaliseres på nett.

## Hvorfor tidlig innsats virker

Det er mye lettere å snu en ung person som er nysgjerrig og søkende enn en som har brutt med familie og
venner. Trygge voksne, et sted å høre til, skolegang og arbeid er de viktigste beskyttelsesfaktorene, og de
er det kommunen allerede har.""",
    ),
    (
        "begreper",
        "Begreper",
        "concepts",
        30,
        """**Radikalisering**
: En prosess der en person i økende grad godtar bruk av vold for å nå politiske, ideologiske eller
  religiøse mål.

**Voldelig ekstremisme**
: Aktiviteter til personer og grupper som er villige til å bruke vold for å nå slike mål.

**Ekstreme holdninger**
: Holdninger som bryter sterkt med det de fleste mener. Å ha radikale eller ekstreme meninger er ikke
  ulovlig, og er ikke i seg selv grunn til bekymring for vold.

**Beskyttelsesfaktorer**
: Det som gjør at en person står imot: trygge relasjoner, mestring, tilhørighet, evne til kritisk tenkning.

**Risikofaktorer**
: Det som øker sårbarheten: utenforskap, krenkelser, kriser, kontakt med ekstreme miljøer.

**Radikaliseringskontakt**
: Den i kommunen, og den i politidistriktet, som har særlig ansvar for å gi råd og koordinere arbeidet
  med bekymringer om radikalisering.

**Bekymringssamtale**
: En samtale politiet kan ha med en ung person og foresatte for å forebygge kriminalitet.""",
    ),
    (
        "handlingslopa",
        "Handlingsløypa steg for steg",
        "trail",
        40,
        """Handlingsløypa viser veien fra en bekymring til handling. Du kan gå fram og tilbake: ny kunnskap kan
gjøre bekymringen mindre, eller større.

1. **Bekymring registrert.** Skriv ned hva du har sett og hørt, når og hvor. Hold deg til fakta.
2. **Drøftet med leder.** Ta bekymringen opp med nærmeste leder samme dag eller dagen etter. Dere vurderer
   sammen om dere trenger råd fra kommunens radikaliseringskontakt. Drøft gjerne anonymt.
3. **Avklaring.** Snakk med den unge, og som hovedregel med foresatte. Hør med kolleger som kjenner den unge.
   Still åpne spørsmål, og vis at du bryr deg om personen, ikke bare om meningene.
4. **Lokale tiltak.** Bruk de vanlige tjenestene først: skolen, helsesykepleier, fritidsklubben,
   barnevernet, oppfølging i nettverket rundt den unge.
5. **Tverrfaglig samarbeid.** Når én tjeneste ikke er nok, samles de som trengs (med samtykke, eller med
   hjemmel) i et tverrfaglig møte. Lag en felles plan med ansvar og frister.
6. **Meldt til politi/PST.** Alvorlige bekymringer meldes til politiets radikaliseringskontakt, som tar
   inn PST ved behov.

> Er noen i fare nå, hopper du rett til politiet: ring **112**.

Hvert steg i en sak i systemet får hvem, når og hvorfor, slik at alle som følger saken ser hvordan den har
utviklet seg.""",
    ),
    (
        "varselsignaler",
        "Varselsignaler",
        "warning_signs",
        50,
        """Varselsignalene under er hentet fra erfaringene til dem som jobber med unge. **Ingen av dem beviser
noe alene.** Det er summen, endringen over tid og sammenhengen som teller.

Se etter

- endring: i venner, klær, språk, interesser eller nettvaner,
- intensitet: at ett tema tar over alt annet,
- retning: fra sinne og frustrasjon til å forsvare eller forherlige vold.

Når du er usikker: drøft med leder og kommunens radikaliseringskontakt. Det er bedre å spørre én gang for
mye enn én gang for lite.""",
    ),
    (
        "tiltak",
        "Mulige tiltak",
        "measures",
        60,
        """Tiltak skal møte behovene til den unge, ikke bare meningene. Velg det minst inngripende som virker.

## I skolen og fritiden
- En fast voksen som følger opp og har jevnlige samtaler.
- Trygg tilhørighet: klubb, idrett, kulturtilbud, arbeidstrening.
- Undervisning i kildekritikk og demokratiske verdier for hele klassen, uten å peke ut enkeltelever.

## Familie og nettverk
- Samtaler med foresatte: hva ser de, hva bekymrer dem, hva trenger de?
- Familieveiledning gjennom barnevernet eller familievernet.
- Mentor eller annen trygg voksen i nærmiljøet.

## Helse
- Helsesykepleier, fastlege eller psykisk helsetjeneste når det er tegn på krise, traumer eller psykiske
  vansker.

## Politiet
- Bekymringssamtale med den unge og foresatte.
- Vurdering fra politiets radikaliseringskontakt, og PST ved behov.

Alle tiltak får ansvarlig aktør, frist og status, og følges opp til de er utført eller det er begrunnet
hvorfor de ikke gjøres.""",
    ),
    (
        "handlingsplaner",
        "Handlingsplaner",
        "action_plans",
        70,
        """- **Regjeringens handlingsplan mot radikalisering og voldelig ekstremisme** (Justis- og
  beredskapsdepartementet, 2014, revidert 2020) beskriver ansvaret til stat, kommune og frivillige.
- **Kommunens plan for forebygging av radikalisering** er en del av SLT-handlingsplanen. Den beskriver
  hvem som er radikaliseringskontakt, hvordan bekymringer meldes, og hvordan tverrfaglige møter settes sammen.
- **Skolens beredskapsplan** skal ha rutiner for alvorlige hendelser og for bekymring om radikalisering.

Handlingsplanene gjennomgås hvert år i SLT-koordineringsgruppen.""",
    ),
    (
        "taushetsplikt",
        "Taushetsplikt og deling av opplysninger",
        "other",
        75,
        """- **Drøft anonymt** så lenge du kan: med leder, kolleger og radikaliseringskontakten.
- **Samtykke** fra den unge (og foresatte når den unge er under 18) gjør det mulig å dele det som trengs
  i et tverrfaglig samarbeid.
- **Opplysningsplikten til barnevernet** gjelder når det er grunn til å tro at et barn blir mishandlet,
  utsatt for alvorlig omsorgssvikt eller har alvorlige atferdsvansker.
- **Avvergeplikten** i straffeloven gjelder alle og går foran taushetsplikten: du skal søke å avverge visse
  alvorlige straffbare handlinger, for eksempel terror og drap, ved å varsle politiet eller på annen måte,
  når det er sikkert eller mest sannsynlig at de vil bli begått.

I systemet er en sak anonym til en navngitt rettslig grunn er registrert. Del ikke mer enn det mottakeren
trenger.""",
    ),
    (
        "litteratur",
        "Litteratur",
        "literature",
        80,
        """- NOU 2024: 3 *Felles innsats mot ekstremisme*. Ekstremismekommisjonens utredning.
- *Handlingsplan mot radikalisering og voldelig ekstremisme*. Justis- og beredskapsdepartementet.
- *Nasjonal trusselvurdering*. PST, utgis hvert år.
- Publikasjoner fra C-REX – Senter for ekstremismeforskning ved Universitetet i Oslo.""",
    ),
    (
        "lenker",
        "Lenker",
        "links",
        90,
        """- [Politiet: forebygging av radikalisering](https://www.politiet.no)
- [PST: trusselvurderinger og råd](https://www.pst.no)
- [Regjeringen: handlingsplan mot radikalisering](https://www.regjeringen.no)
- [RVTS: veiledning om vold, traumer og radikalisering](https://www.rvts.no)
- [Kompetansesenter for kriminalitetsforebygging](https://www.kriminalitetsforebygging.no)
- [C-REX – Senter for ekstremismeforskning](https://www.sv.uio.no/c-rex/)""",
    ),
    (
        "kontakter",
        "Kontakter",
        "contacts",
        100,
        """Ta kontakt med kommunens radikaliseringskontakt når du trenger råd, også når du er usikker. Du kan
drøfte anonymt.

Politiets radikaliseringskontakt i politidistriktet tar imot alvorlige bekymringer og tar inn PST ved behov.
Ring politiets sentralbord **02800**, og spør etter radikaliseringskontakten.

**Akutt fare: ring 112.**""",
    ),
]

SIGNS = [
    (
        "Bryter med venner og familie",
        "Den unge kan være på vei inn i et nytt miljø som krever lojalitet, eller trekke seg unna dem som stiller "
        "spørsmål.",
        "Unge skifter venner, og konflikter hjemme er vanlige i tenårene. Det kan også handle om mobbing, "
        "depresjon eller kjærlighetssorg.",
        "Snakk med den unge om hvordan det går, og hvem hen er sammen med nå. Hør med foresatte om de ser det samme.",
    ),
    (
        "Nye, lukkede nettmiljøer",
        "Lukkede grupper på nett kan være stedet der ekstreme ideer deles og forsterkes, ofte pakket inn i humor.",
        "De fleste unge er i mange lukkede grupper, for spill, skole og venner.",
        "Vis interesse for hva den unge gjør på nett. Spør åpent hva som er bra med gruppen, og hva som skjer der.",
    ),
    (
        "Svart-hvitt-tenkning og «vi mot dem»",
        "Verden deles i gode og onde grupper, og motstandere beskrives som fiender eller mindre verdt.",
        "Unge prøver ut sterke meninger, og kan være skarpe i en diskusjon uten å mene alt de sier.",
        "Utfordre med nysgjerrige spørsmål, ikke med latterliggjøring. Gi rom for nyanser i undervisning og samtaler.",
    ),
    (
        "Forherliger vold eller terrorhandlinger",
        "Å hylle gjerningspersoner eller dele voldsvideoer kan være et tegn på at vold blir sett på som akseptabelt.",
        "Sjokkhumor og provokasjon er vanlig, og noen unge deler innhold uten å forstå hva det står for.",
        "Ta det alltid opp med den unge og leder. Ved trusler eller planer: kontakt politiet straks, ved akutt fare "
        "på 112.",
    ),
    (
        "Nye symboler, klær eller tatoveringer",
        "Symboler kan vise tilhørighet til en ekstrem gruppe eller ideologi.",
        "Mange symboler brukes også i musikk, mote og spillkultur uten politisk innhold.",
        "Finn ut hva symbolet betyr før du konkluderer. Spør den unge hva det betyr for hen.",
    ),
    (
        "Sterk og plutselig interesse for én sak",
        "Ett tema tar over alt: samtaler, skolearbeid og nettbruk. Det kan være inngangen til en ideologi.",
        "Engasjement for en sak er positivt og en del av demokratiet.",
        "Anerkjenn engasjementet, og snakk om lovlige måter å påvirke på. Følg med på om tonen blir voldelig.",
    ),
    (
        "Ytrer hat mot grupper",
        "Nedsettende ord om etniske, religiøse eller seksuelle grupper kan være tegn på et fiendebilde som vokser.",
        "Det kan være uttrykk for uvitenhet, gruppepress eller egne opplevelser av krenkelse.",
        "Si tydelig fra, og følg opp i en rolig samtale etterpå. Vurder om det er hatefulle ytringer som skal meldes.",
    ),
    (
        "Opplever urett og krenkelse",
        "Sterke opplevelser av urett, mot seg selv eller sin gruppe, kan gjøre den unge mottakelig for noen som "
        "lover oppreisning.",
        "Mange opplever urett uten å søke til ekstreme miljøer; opplevelsen kan være helt reell.",
        "Ta opplevelsen på alvor. Hjelp den unge å finne gode måter å få oppreisning på, og følg opp krenkelser.",
    ),
    (
        "Søker kontakt med kjente ekstreme personer",
        "Kontakt med personer eller grupper som er kjent for voldelig ekstremisme øker risikoen klart.",
        "En enkelt kontakt kan være tilfeldig, eller en del av nysgjerrighet.",
        "Drøft med leder og kommunens radikaliseringskontakt samme dag. Vurder å melde til politiet.",
    ),
    (
        "Interesse for våpen eller kamptrening",
        "Interesse for våpen, sprengstoff eller kamptrening kombinert med ideologi kan peke mot planer om vold.",
        "Jakt, skyting og kampsport er vanlige og lovlige fritidsaktiviteter.",
        "Se det i sammenheng med de andre tegnene. Er det planer eller trusler: kontakt politiet straks.",
    ),
    (
        "Faller ut av skole eller arbeid",
        "Fravær og utenforskap gjør den unge mer sårbar og mer tilgjengelig for miljøer som tilbyr tilhørighet.",
        "Fravær har mange årsaker: helse, familie, mobbing, rus.",
        "Følg opp fraværet som du ellers ville. Finn årsaken sammen med den unge og foresatte.",
    ),
    (
        "Endret språk og ordbruk",
        "Nye ord, koder og uttrykk fra et ekstremt miljø kan vise at den unge har tatt opp tankegodset.",
        "Slang endrer seg raskt, og mange uttrykk spres fra spill og sosiale medier uten å bli forstått.",
        "Spør hva ordene betyr. Del det du ser med kolleger og radikaliseringskontakten for å forstå det bedre.",
    ),
    (
        "Snakker om å ofre seg eller om å dø for en sak",
        "Tanker om martyrium eller om å gjøre noe «stort» kan være tegn på at den unge nærmer seg handling.",
        "Det kan være et uttrykk for livskrise, depresjon eller selvmordstanker, som trenger hjelp i seg selv.",
        "Ta det alltid på alvor, samme dag. Snakk med den unge, kontakt leder, helsetjenesten og ved fare politiet "
        "(112).",
    ),
    (
        "Lager eller deler propaganda",
        "Å lage eller spre ekstremt innhold viser at den unge har tatt et aktivt steg inn i et miljø.",
        "Noen deler innhold for å provosere, uten å slutte seg til budskapet.",
        "Sikre det du har sett, uten å spre det videre. Drøft med leder og radikaliseringskontakten; vurder å melde "
        "til politiet.",
    ),
]
