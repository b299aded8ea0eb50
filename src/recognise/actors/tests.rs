//! Unit tests of the actor recogniser.

use super::*;

fn actors(text: &str) -> Vec<Actor> {
    let toks = super::super::token::tokenize(text);
    find(text, &toks, &[])
}

fn named<'a>(actors: &'a [Actor], name: &str) -> &'a Actor {
    actors.iter().find(|a| a.name == name).unwrap_or_else(|| {
        panic!(
            "no {name} in {:?}",
            actors.iter().map(|a| &a.name).collect::<Vec<_>>()
        )
    })
}

#[test]
fn countries_by_name_abbreviation_capital_and_demonym_are_one_actor() {
    let a = actors("North Korea said the DPRK and Pyongyang agree. Chinese and Beijing too.");
    let nk = named(&a, "North Korea");
    assert_eq!(nk.mentions.len(), 3);
    assert_eq!(nk.aliases, ["DPRK", "Pyongyang"]);
    assert_eq!(named(&a, "China").mentions.len(), 2);
}

#[test]
fn titled_people_and_surnames_link() {
    let a = actors(
        "Foreign Minister Wang Yi met Lt. Gen. Wang Hongguang. Later, President Xi spoke and Wang left. Xi agreed.",
    );
    let wy = named(&a, "Wang Yi");
    assert_eq!(wy.titles, ["Foreign Minister"]);
    let wh = named(&a, "Wang Hongguang");
    assert_eq!(wh.titles, ["Lt. Gen."]);
    assert_eq!(
        wh.mentions.len(),
        2,
        "the bare Wang links to the nearest preceding Wang"
    );
    assert_eq!(named(&a, "Xi").mentions.len(), 2);
}

#[test]
fn names_without_titles_from_name_lists() {
    let a = actors("Kim Jong Un’s message and Park Geun-hye. US Ambassador Samantha Power argued.");
    named(&a, "Kim Jong Un");
    named(&a, "Park Geun-hye");
    assert_eq!(named(&a, "Samantha Power").kind, ActorKind::Person);
}

#[test]
fn organisations_by_shape_and_acronym() {
    let a = actors(
        "the Workers’ Party of Korea (WPK) and later the WPK. The Asian Infrastructure Investment Bank (AIIB) and Zhejiang University and the Ministry of Oceans and Fisheries.",
    );
    let aiib = named(&a, "Asian Infrastructure Investment Bank");
    assert_eq!(aiib.mentions.len(), 2);
    named(&a, "Zhejiang University");
    named(&a, "Ministry of Oceans and Fisheries");
    let wpk = a
        .iter()
        .find(|x| x.aliases.iter().any(|al| al == "WPK"))
        .expect("WPK");
    assert_eq!(wpk.mentions.len(), 3);
}

#[test]
fn an_indented_paragraph_opening_with_an_organisation_does_not_underflow() {
    let text = "  Asian Infrastructure Investment Bank (AIIB) lent more.";
    let toks = super::super::token::tokenize(text);
    let mut scratch = Scratch::default();
    find_local(text, &toks, None, &mut scratch);
    let mut gathered = Gathered::default();
    gathered.add(0, scratch.found());
    let a = link(text, &gathered, &[], &Linking::default());
    assert_eq!(
        named(&a, "Asian Infrastructure Investment Bank")
            .mentions
            .len(),
        2
    );
}

#[test]
fn places_are_not_countries() {
    let a = actors("in the Yanbian Korean Autonomous Prefecture and the Yellow Sea near Dandong");
    for name in [
        "Yanbian Korean Autonomous Prefecture",
        "Yellow Sea",
        "Dandong",
    ] {
        assert_eq!(named(&a, name).kind, ActorKind::Place);
    }
}

#[test]
fn lower_case_titles_load_from_data_and_match_as_written() {
    assert_eq!(super::runs::LOWER_TITLES.len(), 46);
    assert_eq!(
        named(&actors("said envoy Hwang today"), "Hwang").kind,
        ActorKind::Person
    );
}
