#include "report/report_text.hpp"

namespace caseflow::report {

namespace {

const ReportText kDanish{
    .html_lang = "da",
    .title = "Caseflow-rapport",
    .subtitle = "Scenarie: {}",
    .h_question = "Spørgsmålet",
    .question = "Hvad koster hver indsats, og hvad sparer den kommunen på forsørgelse pr. budgetår, sammenlignet med "
    "at jobcentret fortsætter som i dag (uden indsats)? Indsatserne, der sammenlignes:",
    .baseline_name = "Uden indsats",
    .baseline_desc = "jobcentrets nuværende indsats, uden ændringer",
    .period = "periode {} til {}",
    .period_from = "fra {}",
    .h_brief = "Kort fortalt",
    .brief_net = "Nettoresultat for hele perioden",
    .brief_p = "Sandsynlighed for, at indsatsen betaler sig selv over perioden",
    .brief_payback = "Investeringen er tjent hjem (gennemsnit)",
    .never = "ikke inden for perioden",
    .no_investment = "ingen investering",
    .h_budget = "Budget",
    .budget_intro = "Tabellerne følger opstillingen i kommunale budgetbilag. Beløb i 1.000 kr. Positive tal er merudgifter, "
    "negative tal er besparelser. Besparelsen er kommunens udgift til forsørgelse efter statsrefusion "
    "uden indsatsen minus udgiften med indsatsen, for de samme borgere. 95 %-intervallet er det spænd, "
    "resultatet lå inden for i 95 ud af 100 simuleringer.",
    .unit = "1.000 kr.",
    .total_col = "I alt",
    .row_invest = "Investering",
    .row_financing = "Finansiering",
    .row_saving = "Besparelse på forsørgelse",
    .row_interval = "95 %-interval",
    .row_total = "Total",
    .row_p = "Sandsynlighed for, at indsatsen betaler sig selv",
    .interval_to = "til",
    .caseload_caption = "Forsørgelse uden og med indsatsen",
    .row_fte_base = "Helårspersoner på forsørgelse, uden indsats",
    .row_fte_arm = "Helårspersoner på forsørgelse, med indsatsen",
    .row_mun_base = "Kommunal forsørgelsesudgift, uden indsats (1.000 kr.)",
    .row_mun_arm = "Kommunal forsørgelsesudgift, med indsatsen (1.000 kr.)",
    .h_charts = "Figurer",
    .fig_net = "Nettoresultat pr. budgetår (investering minus besparelse) med 95 %-interval. Under nul betaler indsatsen "
    "sig selv det år.",
    .fig_cum = "Akkumuleret nettoresultat ved udgangen af hvert budgetår med 95 %-interval. Hvor kurven går under nul, "
    "er investeringen tjent hjem.",
    .payback_label = "{}: tjent hjem i {}",
    .no_payback_label = "{}: ikke tjent hjem",
    .fig_occ = "Antal borgere i hver tilstand over tid, uden og med indsatserne, med 95 %-interval (skygge).",
    .fig_flows = "Overgange mellem tilstande pr. år (gennemsnit over budgetårene).",
    .flows_diff_caption = "Ændring i overgange pr. år i forhold til uden indsats",
    .fig_queues = "Gennemsnitligt antal borgere, der venter på en plads eller en medarbejder (gennemsnit over budgetårene).",
    .no_queues = "Resultatmappen indeholder ingen queues.csv; der er ingen ventetider at vise.",
    .no_queue_rows = "Scenariet har ingen medarbejderpuljer eller pladser (queues.csv er tom); der er ingen ventetider at vise.",
    .axis_kdkk = "1.000 kr.",
    .axis_year = "Budgetår",
    .axis_citizens = "Borgere",
    .axis_date = "Dato",
    .axis_week = "Uger efter start",
    .axis_flows = "Overgange pr. år",
    .axis_waiting = "Ventende borgere (gennemsnit)",
    .col_transition = "Overgang",
    .col_resource = "Ressource",
    .col_arm = "Indsats",
    .col_waiting = "Ventende borgere (gns.) pr. år",
    .col_wait_weeks = "Ventetid, uger (gns.)",
    .col_utilisation = "Udnyttelse (gns.)",
    .h_assumptions = "Antagelser",
    .assumptions_intro = "Alle værdier i scenariet, der er anderledes med indsatsen end uden, med kilde.",
    .no_assumptions = "Resultatmappen indeholder ingen assumptions.csv; antagelserne fremgår af scenariefilen.",
    .col_parameter = "Parameter",
    .col_baseline = "Uden indsats",
    .col_value = "Med indsatsen",
    .col_source = "Kilde",
    .inflow_name = "Tilgang",
    .assumed = "Antagelse:",
    .no_source = "ingen kilde angivet",
    .removed = "(fjernet)",
    .not_set = "(ikke sat)",
    .h_impact = "Hvem indsatsen når",
    .impact_intro = "Gennemsnit over simuleringerne for hele perioden (ældre resultatmappe uden deltageropgørelse). "
    "»Borgere i indsatsen« er alle, som indsatsens målgruppe omfatter, ikke kun dem, der fik den.",
    .col_treated = "Borgere i indsatsen",
    .col_left = "Forlod forsørgelse",
    .col_left_too = "heraf også uden indsatsen (dødvægt)",
    .col_extra = "Ekstra afgange til selvforsørgelse",
    .participants_intro = "Deltagere er borgere, der faktisk fik indsatsen: en samtale i et forløb, som indsatsen tilføjer eller "
    "ændrer, en plads, som indsatsen tilføjer, eller en effekt, der ændrede deres chancer, mens den virkede. For de samme "
    "borgere vises, hvor mange der var selvforsørgende 26 og 52 uger efter første deltagelse – med indsatsen og uden "
    "(de samme syntetiske borgere med de samme tilfældige hændelser). Dødvægt er andelen uden indsatsen divideret med "
    "andelen med indsatsen: så stor en del af resultatet ville være sket alligevel. Gennemsnit over simuleringerne.",
    .col_participants = "Deltagere",
    .col_with_26w = "Selvforsørgende efter 26 uger, med indsatsen",
    .col_without_26w = "… uden indsatsen",
    .col_deadweight_26w = "Dødvægt, 26 uger",
    .col_with_52w = "Efter 52 uger, med",
    .col_without_52w = "… uden",
    .h_savings_split = "Hvor besparelsen kommer fra",
    .savings_split_intro = "Besparelsen på forsørgelse for hele perioden (1.000 kr.), delt efter hvem den kommer fra. Dødvægt "
    "betyder ikke, at der ikke spares: en deltager, der også uden indsatsen var kommet i job i perioden, men kommer det "
    "hurtigere, sparer ydelse i de uger. »Kommet ud« betyder selvforsørgende inden periodens udløb. Fastholdelse er deltagere, der med indsatsen er længere på ydelse (fx mens de er "
    "i et tilbud); det trækker fra. Borgere uden for indsatsen påvirkes via kapacitet, fx når deltagerne optager pladser "
    "eller sagsbehandlertid.",
    .col_savings_total = "Besparelse i alt",
    .col_earlier_exit = "Deltagere, der kom hurtigere ud, men ellers også var kommet ud",
    .col_would_not_have_left = "Deltagere, der ellers ikke var kommet ud",
    .col_non_participants = "Borgere uden for indsatsen",
    .col_lock_in = "Deltagere, der blev længere på ydelse (indlåsning)",
    .not_measured = "perioden for kort",
    .h_breakeven = "Hvornår betaler indsatsen sig?",
    .breakeven_intro = "Den værdi af én antagelse, hvor indsatsen netto går i nul (beregnet med caseflow breakeven på de "
    "samme borgere for hver værdi). Intervallet viser, hvor meget værdien svinger mellem simuleringerne.",
    .breakeven_at_least = "Indsatsen betaler sig selv over hele perioden, hvis {} er mindst {} (95 % af simuleringerne: {} til {}).",
    .breakeven_at_most = "Indsatsen betaler sig selv over hele perioden, hvis {} er højst {} (95 % af simuleringerne: {} til {}).",
    .breakeven_none = "Der blev ikke fundet en værdi af {}, hvor indsatsen går i nul over perioden.",
    .breakeven_stated = "Kommunens eget skøn over besparelsen ({} t.kr.) svarer til {}.",
    .breakeven_stated_none = "Kommunens eget skøn over besparelsen ({} t.kr.) svarer ikke til nogen værdi, der blev fundet.",
    .breakeven_assumes = "Scenariet antager {} = {}.",
    .col_year = "År",
    .col_breakeven = "Nul netto ved",
    .h_uncertainty = "Usikkerhed – sådan læses tallene",
    .unc_common = "Tallene bygger på {} simuleringer. I hver simulering følges de samme syntetiske borgere to gange: én gang "
    "med jobcentrets nuværende indsats og én gang med indsatsen, med de samme tilfældige hændelser. Forskellen "
    "skyldes derfor indsatsen og ikke, at der tilfældigvis kom flere eller færre borgere ind. Borgere, der "
    "ville have fundet job alligevel, giver kun besparelse for de uger, de kommer hurtigere ud.",
    .unc_interval = "95 %-intervallet viser, hvor meget resultatet svinger fra simulering til simulering: i 95 ud af 100 "
    "simuleringer ligger resultatet inden for intervallet. Intervallet for »I alt« gælder hele periodens "
    "resultat og er derfor ikke summen af årenes intervaller. Sandsynligheden for, at indsatsen betaler sig "
    "selv, er andelen af simuleringer, hvor besparelsen er større end investeringen.",
    .unc_assumptions = "Intervallerne dækker ikke usikkerheden om selve antagelserne, fx hvor stor effekten af indsatsen er. Er "
    "effekten mindre end antaget, bliver besparelsen mindre. Den usikkerhed belyses med en følsomhedsanalyse "
    "(caseflow sweep), hvor antagelserne varieres.",
    .unc_arm = "{0}: Over hele perioden {1}–{2} er nettoresultatet i gennemsnit {3} t.kr. ({4}). I 95 ud af 100 "
    "simuleringer lå det mellem {5} og {6} t.kr. Indsatsen betalte sig selv i {7} af simuleringerne.",
    .unc_saving_word = "en besparelse",
    .unc_cost_word = "en merudgift",
    .unc_payback = "I gennemsnit er investeringen tjent hjem ved udgangen af {}.",
    .unc_no_payback = "I gennemsnit er investeringen ikke tjent hjem ved udgangen af {}.",
    .unc_no_investment = "Indsatsen kræver ingen investering, så der er intet at tjene hjem.",
    .unc_se = "Gennemsnittet er selv usikkert, fordi det bygger på et endeligt antal simuleringer: standardfejlen er {} (1.000 kr.). "
              "Den falder med kvadratroden af antallet af simuleringer; {} simuleringer ville halvere den.",
    .paid_back_caption = "Sandsynlighed for, at investeringen er tjent hjem ved udgangen af året",
    .row_paid_back = "Tjent hjem",
    .h_technical = "Teknisk",
    .tech_scenario = "Scenariefil",
    .tech_version = "caseflow-version",
    .tech_seed = "Frø (seed)",
    .tech_reps = "Simuleringer",
    .tech_run = "Kørt",
    .tech_folder = "Resultatmappe",
};

const ReportText kEnglish{
    .html_lang = "en",
    .title = "Caseflow report",
    .subtitle = "Scenario: {}",
    .h_question = "The question",
    .question = "What does each intervention cost, and what does it save the municipality on benefits per budget year, "
    "compared with the jobcentre carrying on as today (without intervention)? The interventions compared:",
    .baseline_name = "Without intervention",
    .baseline_desc = "the jobcentre's current effort, unchanged",
    .period = "period {} to {}",
    .period_from = "from {}",
    .h_brief = "In brief",
    .brief_net = "Net result over the whole period",
    .brief_p = "Probability that the intervention pays for itself over the period",
    .brief_payback = "Investment paid back (mean)",
    .never = "not within the period",
    .no_investment = "no investment",
    .h_budget = "Budget",
    .budget_intro = "The tables follow the layout of municipal budget annexes. Amounts in DKK 1,000. Positive numbers are "
    "extra expenditure, negative numbers are savings. The saving is the municipality's benefit expenditure "
    "after the state refund without the intervention minus the expenditure with the intervention, for the same "
    "citizens. The 95% interval is the range the result fell within in 95 of 100 simulations.",
    .unit = "DKK 1,000",
    .total_col = "Total",
    .row_invest = "Investment",
    .row_financing = "Financing",
    .row_saving = "Savings on benefits",
    .row_interval = "95% interval",
    .row_total = "Net",
    .row_p = "Probability that the intervention pays for itself",
    .interval_to = "to",
    .caseload_caption = "Benefits, baseline and with the intervention",
    .row_fte_base = "Full-time equivalents on benefits, baseline",
    .row_fte_arm = "Full-time equivalents on benefits, with the intervention",
    .row_mun_base = "Municipal benefit expenditure, baseline (DKK 1,000)",
    .row_mun_arm = "Municipal benefit expenditure, with the intervention (DKK 1,000)",
    .h_charts = "Charts",
    .fig_net = "Net result per budget year (investment minus savings) with 95% interval. Below zero the intervention pays "
    "for itself that year.",
    .fig_cum = "Cumulative net result at the end of each budget year with 95% interval. Where the line goes below zero, "
    "the investment has been paid back.",
    .payback_label = "{}: paid back in {}",
    .no_payback_label = "{}: not paid back",
    .fig_occ = "Citizens in each state over time, baseline and interventions, with 95% interval (shaded).",
    .fig_flows = "Moves between states per year (mean over the budget years).",
    .flows_diff_caption = "Change in moves per year from the baseline",
    .fig_queues = "Mean number of citizens waiting for a place or a member of staff (mean over the budget years).",
    .no_queues = "The results folder has no queues.csv; there are no waiting times to show.",
    .no_queue_rows = "The scenario has no staff pools or places (queues.csv is empty); there are no waiting times to show.",
    .axis_kdkk = "DKK 1,000",
    .axis_year = "Budget year",
    .axis_citizens = "Citizens",
    .axis_date = "Date",
    .axis_week = "Weeks after start",
    .axis_flows = "Moves per year",
    .axis_waiting = "Citizens waiting (mean)",
    .col_transition = "Move",
    .col_resource = "Resource",
    .col_arm = "Intervention",
    .col_waiting = "Citizens waiting (mean) per year",
    .col_wait_weeks = "Wait, weeks (mean)",
    .col_utilisation = "Utilisation (mean)",
    .h_assumptions = "Assumptions",
    .assumptions_intro = "Every scenario value that differs between the intervention and the baseline, with its source.",
    .no_assumptions = "The results folder has no assumptions.csv; see the scenario file for the assumptions.",
    .col_parameter = "Parameter",
    .col_baseline = "Baseline",
    .col_value = "With the intervention",
    .col_source = "Source",
    .inflow_name = "Arrivals",
    .assumed = "Assumption:",
    .no_source = "no source given",
    .removed = "(removed)",
    .not_set = "(not set)",
    .h_impact = "Whom the intervention reaches",
    .impact_intro = "Means over the simulations for the whole period (an older results folder without the participant "
    "measure). \"Citizens in the intervention\" is everyone its target group covers, not only those who received it.",
    .col_treated = "Citizens in the intervention",
    .col_left = "Left benefits",
    .col_left_too = "of whom also without it (deadweight)",
    .col_extra = "Extra exits to self-support",
    .participants_intro = "Participants are citizens who actually received the intervention: a meeting on a track the "
    "intervention adds or changes, a place it adds, or an effect that changed their chances while it applied. For the same "
    "citizens the table shows how many were self-supporting 26 and 52 weeks after they first took part – with the "
    "intervention and without it (the same synthetic citizens with the same chance events). Deadweight is the share "
    "without divided by the share with: the part of the result that would have happened anyway. Means over the simulations.",
    .col_participants = "Participants",
    .col_with_26w = "Self-supporting after 26 weeks, with the intervention",
    .col_without_26w = "… without it",
    .col_deadweight_26w = "Deadweight, 26 weeks",
    .col_with_52w = "After 52 weeks, with",
    .col_without_52w = "… without",
    .h_savings_split = "Where the savings come from",
    .savings_split_intro = "The savings on benefits over the whole period (thousand DKK), split by whom they come from. "
    "Deadweight does not mean no savings: a participant who would have found work within the period anyway but finds it "
    "sooner saves benefits for those weeks. Lock-in is participants who stay on benefits longer with the intervention "
    "(e.g. while in a programme); it counts against. Citizens outside the intervention are affected through capacity, "
    "e.g. when participants take places or caseworker time.",
    .col_savings_total = "Total savings",
    .col_earlier_exit = "Participants who left sooner but would have left within the period anyway",
    .col_would_not_have_left = "Participants who would not have left within the period",
    .col_non_participants = "Citizens outside the intervention",
    .col_lock_in = "Participants who stayed on benefits longer (lock-in)",
    .not_measured = "period too short",
    .h_breakeven = "When does the intervention pay for itself?",
    .breakeven_intro = "The value of one assumption at which the intervention's net is zero (computed with caseflow breakeven "
    "on the same citizens for every value). The interval shows how much the value varies between simulations.",
    .breakeven_at_least = "The intervention pays for itself over the whole period if {} is at least {} (95 % of simulations: {} to {}).",
    .breakeven_at_most = "The intervention pays for itself over the whole period if {} is at most {} (95 % of simulations: {} to {}).",
    .breakeven_none = "No value of {} was found at which the intervention's net is zero over the period.",
    .breakeven_stated = "The municipality's own savings estimate ({} thousand DKK) implies {}.",
    .breakeven_stated_none = "The municipality's own savings estimate ({} thousand DKK) implies no value that was found.",
    .breakeven_assumes = "The scenario assumes {} = {}.",
    .col_year = "Year",
    .col_breakeven = "Net zero at",
    .h_uncertainty = "Uncertainty – how to read the numbers",
    .unc_common = "The numbers come from {} simulations. In each, the same synthetic citizens are followed twice: once with "
    "the jobcentre's current effort and once with the intervention, with the same chance events. The difference "
    "is therefore due to the intervention, not to more or fewer citizens happening to arrive. Citizens who would "
    "have found work anyway save only the weeks by which they leave sooner.",
    .unc_interval = "The 95% interval shows how much the result varies from simulation to simulation: in 95 of 100 simulations "
    "the result lies within it. The interval for \"Total\" is for the whole period's result and is therefore not "
    "the sum of the yearly intervals. The probability that the intervention pays for itself is the share of "
    "simulations in which the savings exceed the investment.",
    .unc_assumptions = "The intervals do not cover the uncertainty in the assumptions themselves, such as how large the effect of "
    "the intervention is. If the effect is smaller than assumed, the savings are smaller. That uncertainty is "
    "explored with a sensitivity analysis (caseflow sweep) that varies the assumptions.",
    .unc_arm = "{0}: Over the whole period {1}–{2} the net result is on average DKK {3} thousand ({4}). In 95 of 100 "
    "simulations it lay between {5} and {6} thousand. The intervention paid for itself in {7} of the simulations.",
    .unc_saving_word = "a saving",
    .unc_cost_word = "an extra cost",
    .unc_payback = "On average the investment is paid back by the end of {}.",
    .unc_no_payback = "On average the investment is not paid back by the end of {}.",
    .unc_no_investment = "The intervention needs no investment, so there is nothing to pay back.",
    .unc_se = "The average is itself uncertain, because it rests on a finite number of simulations: its standard error is {} "
              "(DKK 1,000). It falls with the square root of the number of simulations; {} simulations would halve it.",
    .paid_back_caption = "Probability that the investment has been paid back by the end of the year",
    .row_paid_back = "Paid back",
    .h_technical = "Technical",
    .tech_scenario = "Scenario file",
    .tech_version = "caseflow version",
    .tech_seed = "Seed",
    .tech_reps = "Simulations",
    .tech_run = "Run",
    .tech_folder = "Results folder",
};

}  // namespace

const ReportText& report_text(Lang lang) { return lang == Lang::da ? kDanish : kEnglish; }

}  // namespace caseflow::report
