"""The element kinds, one class per kind, grouped by layer.

Layers follow the national framework's overall diagram and ArchiMate where it fits:

========================  =========================================================
layer                     kinds
========================  =========================================================
motivation                organization, stakeholder, driver, goal, principle,
                          requirement, legal_document (governance and motivation)
business                  actor, business_function, business_process, public_service
channel                   channel
application               application, application_service, interface
integration               integration_platform, shared_service
data                      database, data_entity
technology                node, network, device, system_software
security                  security_service, security_control
roadmap                   project, work_package, plateau
========================  =========================================================
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, Union

from pydantic import Field, TypeAdapter

from .base import Date, Element, Name, SystemMixin, Text

# --------------------------------------------------------------------------- motivation


class OrgType(StrEnum):
    GOVERNMENT = "government"  # Chính phủ, UBND các cấp
    MINISTRY = "ministry"  # Bộ, cơ quan ngang bộ
    DEPARTMENT = "department"  # Sở, ban, ngành; Cục
    OFFICE = "office"  # Văn phòng
    STEERING_COMMITTEE = "steering_committee"  # Ban Chỉ đạo
    PARTY = "party"  # cơ quan Đảng
    COUNCIL = "council"  # Hội đồng nhân dân
    UNIT = "unit"  # đơn vị sự nghiệp, trung tâm
    ADMINISTRATIVE_UNIT = "administrative_unit"  # đơn vị hành chính (tỉnh, huyện, xã)
    ENTERPRISE = "enterprise"  # doanh nghiệp
    OTHER = "other"


class AdminLevel(StrEnum):
    NATIONAL = "trung_uong"
    PROVINCE = "tinh"
    DISTRICT = "huyen"  # abolished 1/7/2025 (Luật 72/2025/QH15)
    COMMUNE = "xa"
    WARD = "phuong"
    TOWNSHIP = "thi_tran"
    SPECIAL_ZONE = "dac_khu"


class Organization(Element):
    """A body: UBND tỉnh, a Sở, a ministry, a steering committee, an administrative unit."""

    layer = "motivation"
    kind: Literal["organization"]
    org_type: OrgType = OrgType.OTHER
    admin_level: AdminLevel | None = None
    abbreviation: Text | None = None
    agency_code: str | None = Field(
        default=None, description="Mã định danh điện tử của cơ quan (QCVN 102:2016/BTTTT)."
    )


class Stakeholder(Element):
    """A role with an interest in the architecture, or a named office-holder."""

    layer = "motivation"
    kind: Literal["stakeholder"]
    person: Name | None = Field(default=None, description="Name of the person holding the role, if named.")
    position: Text | None = Field(default=None, description="Office held (chức vụ).")


class Driver(Element):
    """Something that drives change: a policy, a problem, an opportunity."""

    layer = "motivation"
    kind: Literal["driver"]


class Goal(Element):
    """A goal or orientation (mục tiêu, định hướng)."""

    layer = "motivation"
    kind: Literal["goal"]
    target_date: Date | None = None
    indicators: list[Text] = Field(default_factory=list)


class Principle(Element):
    """An architecture principle (nguyên tắc)."""

    layer = "motivation"
    kind: Literal["principle"]
    statement: Text | None = None
    rationale: Text | None = None
    implications: list[Text] = Field(default_factory=list)


class Requirement(Element):
    """A requirement the architecture must meet."""

    layer = "motivation"
    kind: Literal["requirement"]


class DocType(StrEnum):
    LAW = "luat"
    RESOLUTION = "nghi_quyet"
    DECREE = "nghi_dinh"
    DECISION = "quyet_dinh"
    CIRCULAR = "thong_tu"
    DIRECTIVE = "chi_thi"
    OFFICIAL_LETTER = "cong_van"
    PLAN = "ke_hoach"
    REGULATION = "quy_dinh"
    TECHNICAL_REGULATION = "quy_chuan"
    STANDARD = "tieu_chuan"
    SCHEME = "de_an"
    OTHER = "khac"


class LegalDocument(Element):
    """A legal or policy instrument: a law, decree, decision, circular, official letter."""

    layer = "motivation"
    kind: Literal["legal_document"]
    number: Name = Field(description="Số, ký hiệu, e.g. 2336/QĐ-UBND.")
    doc_type: DocType
    date: Date = Field(description="Date of issue (ngày ban hành).")
    issuer: Name = Field(description="Issuing body (cơ quan ban hành).")
    signer: Text | None = Field(default=None, description="Who signed it (người ký).")
    effective_from: Date | None = None
    date_note: Text | None = Field(default=None, description="Where sources disagree on the date, say so here.")
    url: str | None = None


# --------------------------------------------------------------------------- business


class ActorType(StrEnum):
    CITIZEN = "citizen"
    BUSINESS = "business"
    OFFICIAL = "official"
    LEADER = "leader"
    AGENCY = "agency"
    ORGANIZATION = "organization"
    OTHER = "other"


class Actor(Element):
    """A user of the architecture (người sử dụng): citizens, businesses, officials, leaders."""

    layer = "business"
    kind: Literal["actor"]
    actor_type: ActorType = ActorType.OTHER


class BusinessFunction(Element):
    """A business function (chức năng nghiệp vụ)."""

    layer = "business"
    kind: Literal["business_function"]
    brm_category: Text | None = Field(default=None, description="Business reference model category.")


class BusinessProcess(Element):
    """A business process (quy trình nghiệp vụ)."""

    layer = "business"
    kind: Literal["business_process"]
    brm_category: Text | None = None


class OnlineMode(StrEnum):
    FULL = "toan_trinh"  # dịch vụ công trực tuyến toàn trình
    PARTIAL = "mot_phan"  # một phần
    OFFLINE = "khong_truc_tuyen"


class PublicService(Element):
    """A public service or group of administrative procedures (dịch vụ công, TTHC)."""

    layer = "business"
    kind: Literal["public_service"]
    procedure_code: str | None = Field(default=None, description="Mã thủ tục hành chính.")
    online_mode: OnlineMode | None = Field(default=None, description="NĐ 42/2022/NĐ-CP: toan_trinh | mot_phan.")
    legacy_level: int | None = Field(default=None, ge=1, le=4, description="Mức độ 1–4 (TT 32/2017, before 2022).")
    brm_category: Text | None = None


# --------------------------------------------------------------------------- channels


class ChannelType(StrEnum):
    PORTAL = "portal"
    WEBSITE = "website"
    MOBILE_APP = "mobile_app"
    ONE_STOP_COUNTER = "one_stop_counter"
    SERVICE_CENTRE = "service_centre"
    KIOSK = "kiosk"
    HOTLINE = "hotline"
    EMAIL = "email"
    SOCIAL = "social"
    SMS = "sms"
    FIELD_REPORTING = "field_reporting"
    POSTAL = "postal"
    OTHER = "other"


class Channel(Element):
    """A channel through which users reach the services (kênh giao tiếp)."""

    layer = "channel"
    kind: Literal["channel"]
    channel_type: ChannelType = ChannelType.OTHER
    url: str | None = None


# --------------------------------------------------------------------------- application


class Application(Element, SystemMixin):
    """An application or information system (ứng dụng, hệ thống thông tin)."""

    layer = "application"
    kind: Literal["application"]
    arm_category: Text | None = Field(default=None, description="Application reference model category.")


class ApplicationService(Element):
    """A service an application offers to users or to other systems."""

    layer = "application"
    kind: Literal["application_service"]


class Interface(Element):
    """An interface: an API, a protocol endpoint, a data-exchange standard."""

    layer = "application"
    kind: Literal["interface"]
    protocols: list[Text] = Field(default_factory=list)
    standards: list[Text] = Field(default_factory=list)


# --------------------------------------------------------------------------- integration


class PlatformType(StrEnum):
    LGSP = "lgsp"  # Nền tảng tích hợp, chia sẻ dữ liệu cấp bộ, cấp tỉnh
    NDXP = "ndxp"  # Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (formerly NGSP)
    DATA_COORDINATION = "data_coordination"  # Nền tảng chia sẻ, điều phối dữ liệu (TTDLQG)
    DOCUMENT_AXIS = "document_axis"  # Trục liên thông văn bản
    API_GATEWAY = "api_gateway"
    ESB = "esb"
    OTHER = "other"


class IntegrationPlatform(Element, SystemMixin):
    """A data integration and sharing platform: LGSP, NDXP, the national document axis."""

    layer = "integration"
    kind: Literal["integration_platform"]
    platform_type: PlatformType = PlatformType.OTHER


class SharedService(Element, SystemMixin):
    """A shared service offered on the integration layer (dịch vụ dùng chung)."""

    layer = "integration"
    kind: Literal["shared_service"]


# --------------------------------------------------------------------------- data


class DatabaseScope(StrEnum):
    NATIONAL = "national"  # cơ sở dữ liệu quốc gia
    SHARED = "shared"  # dùng chung của tỉnh
    SECTORAL = "sectoral"  # chuyên ngành
    LOCAL = "local"  # của một cơ quan


class DataLayer(StrEnum):
    """Data layers of the national data architecture (QĐ 2439/QĐ-TTg, 2025)."""

    SOURCE = "goc"
    METADATA = "dac_ta"
    MASTER = "chu"
    REFERENCE = "danh_muc"
    TRANSACTIONAL = "giao_dich"
    AGGREGATED = "tong_hop"
    ANALYTICAL = "phan_tich"
    OPEN = "mo"


class Database(Element, SystemMixin):
    """A database (cơ sở dữ liệu)."""

    layer = "data"
    kind: Literal["database"]
    scope: DatabaseScope = DatabaseScope.LOCAL
    data_layer: DataLayer | None = None
    personal_data: bool | None = None
    drm_category: Text | None = Field(default=None, description="Data reference model category.")


class Classification(StrEnum):
    """Information classes of NĐ 85/2016/NĐ-CP Điều 6."""

    PUBLIC = "public"  # công cộng
    PRIVATE = "private"  # riêng
    PERSONAL = "personal"  # cá nhân
    STATE_SECRET = "state_secret"  # bí mật nhà nước


class DataEntity(Element):
    """A kind of data: a dataset, a record type, a catalogue (đối tượng dữ liệu)."""

    layer = "data"
    kind: Literal["data_entity"]
    classification: Classification | None = None
    open_data: bool = False


# --------------------------------------------------------------------------- technology


class NodeType(StrEnum):
    DATA_CENTRE = "data_centre"
    CLOUD = "cloud"
    SERVER = "server"
    CLUSTER = "cluster"
    OTHER = "other"


class Node(Element, SystemMixin):
    """Computing infrastructure: a data centre, a cloud, a server cluster."""

    layer = "technology"
    kind: Literal["node"]
    node_type: NodeType = NodeType.OTHER
    trm_category: Text | None = Field(default=None, description="Technology reference model category.")


class NetworkType(StrEnum):
    DEDICATED = "tslcd"  # Mạng truyền số liệu chuyên dùng
    INTERNET = "internet"
    WAN = "wan"
    LAN = "lan"
    WIRELESS = "wireless"
    OTHER = "other"


class Network(Element, SystemMixin):
    """A network: the dedicated data network (Mạng TSLCD), Internet links, LANs."""

    layer = "technology"
    kind: Literal["network"]
    network_type: NetworkType = NetworkType.OTHER
    ipv6: bool | None = None


class Device(Element):
    """End-user or field equipment: terminals, kiosks, cameras, sensors."""

    layer = "technology"
    kind: Literal["device"]
    device_type: Text | None = None


class SystemSoftware(Element):
    """System software: operating systems, database servers, virtualisation."""

    layer = "technology"
    kind: Literal["system_software"]
    version: str | None = None


# --------------------------------------------------------------------------- security


class SecurityService(Element):
    """A security service: monitoring (SOC), incident response, certification."""

    layer = "security"
    kind: Literal["security_service"]
    service_type: Text | None = None


class ProtectionLayer(StrEnum):
    """The four-layer protection model (CV 1598/BTTTT-CATTT, 2022)."""

    ON_SITE = "on_site"  # lực lượng tại chỗ
    MONITORING = "monitoring"  # giám sát, bảo vệ chuyên nghiệp
    INSPECTION = "inspection"  # kiểm tra, đánh giá định kỳ
    NATIONAL_CONNECTION = "national_connection"  # kết nối với hệ thống giám sát quốc gia


class SecurityControl(Element):
    """A security measure or control."""

    layer = "security"
    kind: Literal["security_control"]
    protection_layer: ProtectionLayer | None = None
    srm_category: Text | None = Field(default=None, description="Security reference model category.")


# --------------------------------------------------------------------------- roadmap


class Project(Element):
    """A project or programme on the roadmap (dự án, nhiệm vụ)."""

    layer = "roadmap"
    kind: Literal["project"]
    start: Date | None = None
    end: Date | None = None
    budget: Text | None = None


class WorkPackage(Element):
    """A part of a project, or a task (hạng mục, nhiệm vụ)."""

    layer = "roadmap"
    kind: Literal["work_package"]
    start: Date | None = None
    end: Date | None = None


class Plateau(Element):
    """A stable state of the architecture at a date or period (giai đoạn)."""

    layer = "roadmap"
    kind: Literal["plateau"]
    start: Date | None = None
    end: Date | None = None


ELEMENT_CLASSES: tuple[type[Element], ...] = (
    Organization,
    Stakeholder,
    Driver,
    Goal,
    Principle,
    Requirement,
    LegalDocument,
    Actor,
    BusinessFunction,
    BusinessProcess,
    PublicService,
    Channel,
    Application,
    ApplicationService,
    Interface,
    IntegrationPlatform,
    SharedService,
    Database,
    DataEntity,
    Node,
    Network,
    Device,
    SystemSoftware,
    SecurityService,
    SecurityControl,
    Project,
    WorkPackage,
    Plateau,
)

LAYERS: tuple[str, ...] = (
    "motivation",
    "business",
    "channel",
    "application",
    "integration",
    "data",
    "technology",
    "security",
    "roadmap",
)

LAYER_NAMES: dict[str, dict[str, str]] = {
    "motivation": {"vi": "Quản lý, chỉ đạo và động lực", "en": "Governance and motivation"},
    "business": {"vi": "Nghiệp vụ", "en": "Business"},
    "channel": {"vi": "Kênh giao tiếp", "en": "Channels"},
    "application": {"vi": "Ứng dụng", "en": "Application"},
    "integration": {"vi": "Tích hợp, chia sẻ", "en": "Integration"},
    "data": {"vi": "Dữ liệu", "en": "Data"},
    "technology": {"vi": "Hạ tầng kỹ thuật", "en": "Technology"},
    "security": {"vi": "An toàn thông tin", "en": "Security"},
    "roadmap": {"vi": "Lộ trình", "en": "Roadmap"},
}


def _kind_of(cls: type[Element]) -> str:
    (kind,) = cls.model_fields["kind"].annotation.__args__  # type: ignore[union-attr]
    return kind


KIND_CLASSES: dict[str, type[Element]] = {_kind_of(c): c for c in ELEMENT_CLASSES}
KINDS: tuple[str, ...] = tuple(KIND_CLASSES)
LAYER_OF: dict[str, str] = {k: c.layer for k, c in KIND_CLASSES.items()}

AnyElement = Annotated[Union[ELEMENT_CLASSES], Field(discriminator="kind")]  # type: ignore[valid-type]
"""Any element, told apart by its ``kind``."""

ELEMENT_LIST = TypeAdapter(list[AnyElement])
"""Validates one model file: a list of elements."""
