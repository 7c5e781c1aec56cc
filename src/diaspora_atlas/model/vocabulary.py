"""Controlled vocabularies. Their documentation lives in docs/vocabulary.md."""

from __future__ import annotations

from enum import StrEnum


class OnlinePresence(StrEnum):
    WEBSITE = "website"
    FACEBOOK_ONLY = "facebook_only"
    NONE = "none"


class InstitutionType(StrEnum):
    MINISTRY = "ministry"
    AGENCY = "agency"
    DEPARTMENT = "department"
    COUNCIL = "council"
    BUREAU = "bureau"
    INSTITUTE = "institute"
    COMMITTEE = "committee"
    PROGRAMME = "programme"
    OFFICE = "office"
    OTHER = "other"
    NOT_GOVERNMENT = "not_government"


class EventKind(StrEnum):
    ESTABLISHED = "established"
    RENAMED = "renamed"
    MERGED = "merged"
    ABOLISHED = "abolished"


class Role(StrEnum):
    HEALTH_CARE_SERVICES = "health_care_services"
    TRAINING_EDUCATION = "training_education"
    HUMANITARIAN_AID = "humanitarian_aid"
    PROFESSIONAL_SOCIAL_NETWORKING = "professional_social_networking"
    MIGRANT_CARE_HOST_COUNTRY = "migrant_care_host_country"
    RESEARCH_PUBLICATION = "research_publication"
    ADVOCACY = "advocacy"
    SCHOLARSHIPS_FELLOWSHIPS = "scholarships_fellowships"
    MEDICAL_MISSIONS = "medical_missions"
    TELEMEDICINE_DISTANCE_LEARNING = "telemedicine_distance_learning"
    EQUIPMENT_DONATIONS = "equipment_donations"
    CONTINUING_MEDICAL_EDUCATION = "continuing_medical_education"
    MENTORING = "mentoring"
    DISASTER_RELIEF = "disaster_relief"
    CULTURAL_COMMUNITY_EVENTS = "cultural_community_events"
    INFRASTRUCTURE_SUPPORT = "infrastructure_support"
