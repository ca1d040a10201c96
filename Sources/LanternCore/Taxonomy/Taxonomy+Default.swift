extension Taxonomy {
    /// The program taxonomy shipped with this release (Appendix A of the program's 2024 transparency report).
    /// Definitions are summaries written for this product. A node can load a newer version at run time.
    public static let defaultJSON: String = #"""
        {
          "version": "2024.1",
          "tags": [
            {"id": "contact_offense", "name": "Contact Offense", "kind": "primary", "parameter": null, "definition": "An adult admits to, or there is evidence of, sexual abuse of a child committed in person rather than online."},
            {"id": "csam", "name": "Child Sexual Abuse Material (CSAM)", "kind": "primary", "parameter": null, "definition": "Imagery, video or other media that shows the sexual abuse or sexual exploitation of a minor."},
            {"id": "csam_animated", "name": "CSAM - Animated", "kind": "primary", "parameter": null, "definition": "Drawn or computer-made animation showing child-like characters, or characters made for young audiences, in sexual activity."},
            {"id": "csam_egregious", "name": "CSAM - Egregious", "kind": "primary", "parameter": null, "definition": "CSAM of exceptional severity, whose review calls for specially trained staff and extra wellbeing safeguards."},
            {"id": "csam_generative", "name": "CSAM - Generative", "kind": "primary", "parameter": null, "definition": "CSAM known to have been produced synthetically, for example with AI image tools, whether or not it looks realistic."},
            {"id": "csam_manipulated", "name": "CSAM - Manipulated", "kind": "primary", "parameter": null, "definition": "Sexualised imagery made by altering genuine pictures of a real child with editing software or AI tools."},
            {"id": "csam_self_generated", "name": "CSAM - Self-generated", "kind": "primary", "parameter": null, "definition": "Sexual imagery a minor produced of themselves, whether freely or under pressure, that legally counts as CSAM."},
            {"id": "a1", "name": "A1 CSAM", "kind": "primary", "parameter": null, "definition": "Industry class A1: material in which a child who has not reached puberty is involved in sexual activity."},
            {"id": "a2", "name": "A2 CSAM", "kind": "primary", "parameter": null, "definition": "Industry class A2: material in which a child who has not reached puberty is displayed in a sexualised pose or used in sexually explicit content."},
            {"id": "b1", "name": "B1 CSAM", "kind": "primary", "parameter": null, "definition": "Industry class B1: material in which a child who has gone through puberty is involved in sexual activity."},
            {"id": "b2", "name": "B2 CSAM", "kind": "primary", "parameter": null, "definition": "Industry class B2: material in which a child who has gone through puberty is displayed in a sexualised pose or used in sexually explicit content."},
            {"id": "csam_coordinator", "name": "CSAM Coordinator (Actor)", "kind": "primary", "parameter": null, "definition": "A person who organises or enables the making, sharing or trading of CSAM, for example by running networks or giving technical help, rather than making or viewing it."},
            {"id": "csam_consumer", "name": "CSAM Consumer (Actor)", "kind": "primary", "parameter": null, "definition": "An adult who views, downloads, keeps or otherwise accesses CSAM or other child sexual exploitation material."},
            {"id": "csam_distributor", "name": "CSAM Distributor (Actor)", "kind": "primary", "parameter": null, "definition": "An adult who shares, promotes or gives others access to CSAM, including posting links, urging others to share it, or collecting it in shared spaces."},
            {"id": "csam_producer", "name": "CSAM Producer (Actor)", "kind": "primary", "parameter": null, "definition": "An adult who creates new CSAM, for instance by obtaining it from a child, generating it with AI or editing tools, or being first to put it online."},
            {"id": "csam_solicitor", "name": "CSAM Solicitor (Actor)", "kind": "primary", "parameter": null, "definition": "An adult trying to obtain CSAM, for example by asking others for it or joining forums that trade it, with no sign yet of possessing any."},
            {"id": "csea_livestream", "name": "CSEA - Livestream", "kind": "primary", "parameter": null, "definition": "Sexual abuse or exploitation of a child carried out or enabled in real time over live video, including coercing a minor on camera."},
            {"id": "csea_manual", "name": "CSEA - Manual", "kind": "primary", "parameter": null, "definition": "Guides, documents or sites giving instructions for abusing or exploiting children, such as grooming methods or ways to avoid detection."},
            {"id": "csea_meme_humor", "name": "CSEA - Meme (Humor)", "kind": "primary", "parameter": null, "definition": "CSAM or sexualised content of minors shared as a joke or satire. Even when not shared for gratification, it normalises exploitation."},
            {"id": "csea_meme_outrage", "name": "CSEA - Meme (Outrage)", "kind": "primary", "parameter": null, "definition": "CSAM or sexualised content of minors shared to condemn it or raise awareness. Sharing it still spreads the material and causes harm."},
            {"id": "grooming_inappropriate_contact", "name": "Grooming (Inappropriate Contact)", "kind": "primary", "parameter": null, "definition": "Early grooming: an adult repeatedly contacts a child to build trust, with inappropriate but not yet sexual behaviour such as pushing for secrecy."},
            {"id": "grooming_sexual", "name": "Grooming (Sexual)", "kind": "primary", "parameter": null, "definition": "Later grooming: an adult brings sexual talk, requests or material into contact with a child, which may lead to abuse online or offline."},
            {"id": "minor_sexualization", "name": "Minor Sexualization", "kind": "primary", "parameter": null, "definition": "Content or conversation that portrays children in a sexualised or objectifying way, even where it is not CSAM in law."},
            {"id": "sextortion", "name": "Sextortion", "kind": "primary", "parameter": null, "definition": "An adult threatens to release intimate material about a child to force them to send imagery, pay money or meet other demands. Covers both the abuse and the offender."},
            {"id": "trafficking", "name": "Trafficking", "kind": "primary", "parameter": null, "definition": "Exploiting a child for commercial sex in return for money, goods or other benefits, including recruiting or buying access. Covers both the abuse and the offender."},
            {"id": "bestiality", "name": "Bestiality", "kind": "supplemental", "parameter": null, "definition": "Flags child sexual abuse that also involves an animal. Used together with a primary tag."},
            {"id": "financial_transaction", "name": "Financial Transaction", "kind": "supplemental", "parameter": null, "definition": "Evidence or discussion of a payment, completed or attempted and often in cryptocurrency, connected to CSAM or other exploitation."},
            {"id": "incest", "name": "Incest", "kind": "supplemental", "parameter": null, "definition": "Flags abuse in which the offender is a relative of the child. Used together with a primary tag."},
            {"id": "infant_toddler", "name": "Infant Toddler", "kind": "supplemental", "parameter": null, "definition": "Flags victims who are babies or very young toddlers, raising the severity of a primary tag such as CSAM."},
            {"id": "organized_harm_group", "name": "Organized Harm Group", "kind": "supplemental", "parameter": null, "definition": "A known group or network that engages in or facilitates child exploitation, often as part of wider criminal or extremist activity."},
            {"id": "plans_to_meet", "name": "Plans to Meet", "kind": "supplemental", "parameter": null, "definition": "Indicates a past, planned or proposed in-person meeting between an adult and a child, as seen in grooming or trafficking cases."},
            {"id": "platform", "name": "Platform", "kind": "supplemental", "parameter": "name", "definition": "Names a specific platform connected to the signal so it can be escalated, written as platform:<name>."},
            {"id": "prepubescent", "name": "Prepubescent", "kind": "supplemental", "parameter": null, "definition": "Flags a child older than a toddler who shows no visible signs of puberty, raising the severity of a primary tag such as CSAM."},
            {"id": "report_id", "name": "Report ID", "kind": "supplemental", "parameter": "id", "definition": "Records the case number of a report filed with NCMEC or another authority, written as report_id:<id>."},
            {"id": "reported_to_authority", "name": "Reported to Authority", "kind": "supplemental", "parameter": null, "definition": "Indicates the signal has been formally reported to NCMEC (CyberTipline) or another competent authority."},
            {"id": "self_harm", "name": "Self-Harm", "kind": "supplemental", "parameter": null, "definition": "A child shows intent or signs of self-harm linked to the exploitation, or an offender pushes a child to hurt themselves."},
            {"id": "suicidal_ideation", "name": "Suicidal Ideation", "kind": "supplemental", "parameter": null, "definition": "A child expresses suicidal thoughts linked to the exploitation, or an offender urges a child toward suicide."}
          ]
        }
        """#
}
