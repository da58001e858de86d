"""The element kinds, one class per kind, grouped by layer.

Layers follow the national framework's overall diagram and ArchiMate where it fits:

========================  =========================================================
layer                     kinds
========================  =========================================================
motivation                organization, stakeholder, driver, goal, principle,
                          requirement, legal_document (governance and motivation)
business                  actor, business_function, business_process, public_service,
                          grouping
channel                   channel
application               application, application_service, interface
integration               integration_platform, shared_service
data                      database, data_entity
technology                node, network, device, system_software, location
security                  security_service, security_control
roadmap                   project, work_package, plateau, consolidation
========================  =========================================================
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, Union

from pydantic import ConfigDict, Field, TypeAdapter, model_validator

from .base import Date, Element, Id, ModelError, Name, Relation, Status, SystemMixin, Text

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
    agency_code_issued: bool | None = Field(
        default=None,
        description="true: the agency has been issued its identifier code, but the code is not known "
        "(write it in agency_code once found).",
    )
    unit_count: int | None = Field(
        default=None,
        ge=1,
        description="When one element stands for several administrative units of its level "
        "(e.g. the 69 xã of a province), how many.",
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

    def in_force(self, day: Date | None) -> bool:
        """A legal document does not exist before the day it is issued (``date``), whatever its ``valid_from``.

        A planned document (a decision being drafted) belongs to the target architecture before then.
        """
        if day is not None and day < self.date and self.status is not Status.PLANNED:
            return False
        return super().in_force(day)


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
    admin_level: AdminLevel | None = Field(
        default=None, description="Level the channel serves, for one-stop counters and service centres: tinh, huyen, xa…"
    )
    url: str | None = None
    security_level: int | None = Field(
        default=None, ge=1, le=5,
        description="For a channel that is itself an information system (a portal): its security level, 1–5 "
        "(NĐ 85/2016/NĐ-CP).",
    )
    security_level_approved_by: Text | None = Field(
        default=None, description="The decision approving the channel's security level."
    )
    security_level_approved: bool | None = Field(
        default=None, description="true: the level is approved, the decision's number is not known."
    )


# --------------------------------------------------------------------------- application


class SystemType(StrEnum):
    """What a system is, where the national framework or the law names it."""

    TTHC = "tthc"  # Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh (NĐ 107/2021/NĐ-CP)
    DVC_PORTAL = "dvc_portal"  # Cổng dịch vụ công cấp tỉnh (merged into the TTHC system from 2021)
    ONE_STOP = "one_stop"  # Hệ thống một cửa điện tử (merged into the TTHC system from 2021)
    DOCUMENT_MANAGEMENT = "document_management"  # Hệ thống quản lý văn bản và điều hành (QLVB&ĐH)
    WEB_PORTAL = "web_portal"  # Cổng thông tin điện tử
    EMAIL = "email"  # Thư điện tử công vụ
    TASK_MANAGEMENT = "task_management"  # Quản lý, giao việc
    REPORTING = "reporting"  # Hệ thống thông tin báo cáo
    OPEN_DATA = "open_data"  # Cổng dữ liệu mở
    IOC = "ioc"  # Trung tâm giám sát, điều hành thông minh
    VIDEO_CONFERENCE = "video_conference"  # Hội nghị truyền hình
    CITIZEN_APP = "citizen_app"  # Ứng dụng công dân số
    DATA_WAREHOUSE = "data_warehouse"  # Kho dữ liệu dùng chung
    SECTORAL = "sectoral"  # Hệ thống chuyên ngành
    NATIONAL_PUBLIC_SERVICE_PORTAL = "national_public_service_portal"  # Cổng Dịch vụ công quốc gia
    PAYMENT_PLATFORM = "payment_platform"  # Nền tảng thanh toán trực tuyến quốc gia
    EID = "eid"  # Hệ thống định danh và xác thực điện tử (VNeID)
    MONITORING_CENTRE = "monitoring_centre"  # Trung tâm giám sát quốc gia về Chính phủ số (EMC)
    CERTIFICATION = "certification"  # Trung tâm Chứng thực điện tử quốc gia
    REPORTING_NATIONAL = "national_reporting"  # Hệ thống thông tin báo cáo quốc gia
    OTHER = "other"


class SignatureType(StrEnum):
    """Digital signature mechanisms a system uses."""

    OFFICIAL = "chuyen_dung_cong_vu"  # chữ ký số chuyên dùng công vụ (Ban Cơ yếu Chính phủ; NĐ 68/2024/NĐ-CP)
    PUBLIC_CA = "cong_cong"  # chữ ký số công cộng (public CA)
    TRUST_SERVICE = "dich_vu_tin_cay"  # dịch vụ tin cậy (NĐ 23/2025/NĐ-CP)
    NONE = "khong"  # none


class Application(Element, SystemMixin):
    """An application or information system (ứng dụng, hệ thống thông tin)."""

    layer = "application"
    kind: Literal["application"]
    system_type: SystemType | None = Field(
        default=None, description="What the system is: tthc, document_management, web_portal, email, … (see docs)."
    )
    digital_signatures: list[SignatureType] = Field(
        default_factory=list,
        description="Signature mechanisms: chuyen_dung_cong_vu (Ban Cơ yếu), cong_cong, dich_vu_tin_cay, khong.",
    )
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
    exposure: Literal["internal", "interagency", "public"] | None = Field(
        default=None, description="Who may call it: internal (one agency), interagency, public."
    )
    api_registry: Text | None = Field(
        default=None, description="Where the API is registered and published, e.g. V-APEX (CV 2943/CĐSQG-CNCPS)."
    )


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
    system_type: SystemType | None = Field(default=None, description="What the service is (as for applications).")


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


class NationalDatabase(StrEnum):
    """National databases (cơ sở dữ liệu quốc gia) a provincial architecture connects to."""

    POPULATION = "dan_cu"  # CSDLQG về dân cư
    LAND = "dat_dai"  # CSDLQG về đất đai
    BUSINESS_REGISTRATION = "dang_ky_doanh_nghiep"  # CSDLQG về đăng ký doanh nghiệp
    INSURANCE = "bao_hiem"  # CSDLQG về bảo hiểm
    FINANCE = "tai_chinh"  # CSDLQG về tài chính
    STATISTICS = "thong_ke"  # CSDL thống kê tổng hợp về dân số
    CIVIL_STATUS = "ho_tich"  # CSDL hộ tịch điện tử
    OFFICIALS = "can_bo_cong_chuc"  # CSDLQG về cán bộ, công chức, viên chức
    OTHER = "other"


class DataQuality(StrEnum):
    """Data criteria of CV 2943/CĐSQG-CNCPS (2025): đúng, đủ, sạch, sống, thống nhất, dùng chung."""

    CORRECT = "dung"
    COMPLETE = "du"
    CLEAN = "sach"
    LIVE = "song"
    UNIFIED = "thong_nhat"
    SHARED = "dung_chung"


class Database(Element, SystemMixin):
    """A database (cơ sở dữ liệu)."""

    layer = "data"
    kind: Literal["database"]
    scope: DatabaseScope = DatabaseScope.LOCAL
    data_layer: DataLayer | None = None
    personal_data: bool | None = None
    national_database: NationalDatabase | None = Field(
        default=None, description="Which national database this is (scope: national): dan_cu, dat_dai, …"
    )
    quality: list[DataQuality] | None = Field(
        default=None,
        description="Data criteria met (đúng, đủ, sạch, sống, thống nhất, dùng chung); [] means assessed, none met.",
    )
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


class Location(Element):
    """A place: a site, a building, a region, a room (ArchiMate Location, địa điểm).

    ArchiMate puts Location outside the layers; kientruc draws it with the technical
    infrastructure, the physical side of the architecture (an assumption of kientruc,
    not of the specification)."""

    layer = "technology"
    kind: Literal["location"]


# --------------------------------------------------------------------------- security


class ProtectionLayer(StrEnum):
    """The four-layer protection model (CV 1598/BTTTT-CATTT, 2022)."""

    ON_SITE = "on_site"  # lực lượng tại chỗ
    MONITORING = "monitoring"  # giám sát, bảo vệ chuyên nghiệp
    INSPECTION = "inspection"  # kiểm tra, đánh giá định kỳ
    NATIONAL_CONNECTION = "national_connection"  # kết nối với hệ thống giám sát quốc gia


class SecurityService(Element):
    """A security service: monitoring (SOC), incident response, certification."""

    layer = "security"
    kind: Literal["security_service"]
    service_type: Text | None = None
    protection_layer: ProtectionLayer | None = Field(
        default=None, description="Layer of the four-layer protection model this service provides."
    )


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


class ConsolidationFunction(StrEnum):
    """The shared functions whose twins a merged province consolidates (kientruc.twins finds them)."""

    LGSP = "lgsp"  # nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh
    DOCUMENT_AXIS = "document_axis"  # trục liên thông văn bản của tỉnh
    TTHC = "tthc"  # hệ thống thông tin giải quyết TTHC
    DVC_PORTAL = "dvc_portal"
    ONE_STOP = "one_stop"
    DOCUMENT_MANAGEMENT = "document_management"
    WEB_PORTAL = "web_portal"
    EMAIL = "email"
    TASK_MANAGEMENT = "task_management"
    REPORTING = "reporting"
    OPEN_DATA = "open_data"
    IOC = "ioc"
    VIDEO_CONFERENCE = "video_conference"
    CITIZEN_APP = "citizen_app"
    DATA_WAREHOUSE = "data_warehouse"
    DATA_CENTRE = "data_centre"  # trung tâm dữ liệu
    SOC = "soc"  # giám sát an toàn thông tin (lớp 2 của mô hình 4 lớp)
    MOBILE_APP = "mobile_app"  # kênh ứng dụng di động
    SERVICE_CENTRE = "service_centre"  # trung tâm phục vụ hành chính công cấp tỉnh
    OTHER = "other"


class Consolidation(Element):
    """A consolidation decision for systems of merged provinces that do the same job (quyết định hợp nhất).

    The twin set is every system named in ``keep``, ``migrate`` and ``retire``: keep one and
    migrate the others' data and users into it, or retire them; or keep several, saying why
    (``reason``). ``kientruc merge`` writes a computed ``proposal: true``; the architect
    confirms it (``proposal: false``, ``decided_by``) or changes it. Each system it names is a
    ``governs`` relation of the decision; a project or work package carries it out
    (``implements: [<this id>]``).
    """

    layer = "roadmap"
    kind: Literal["consolidation"]
    function: ConsolidationFunction = Field(description="The shared function the systems do: lgsp, tthc, data_centre, …")
    keep: list[Id] = Field(min_length=1, description="The system kept (several: keep them all, with a reason).")
    migrate: list[Id] = Field(
        default_factory=list, description="Systems whose data and users move into the first kept system, then end."
    )
    retire: list[Id] = Field(default_factory=list, description="Systems switched off without migration.")
    reason: Text | None = Field(default=None, description="Why: required when more than one system is kept.")
    proposal: bool = Field(
        default=False,
        description="true: computed by `kientruc merge` from the criteria and not yet decided by the architect.",
    )
    decided_by: Id | None = Field(default=None, description="Id of the legal_document that decided it, if any.")
    decided_on: Date | None = None

    @model_validator(mode="after")
    def _one_set(self) -> "Consolidation":
        named = [*self.keep, *self.migrate, *self.retire]
        twice = sorted({i for i in named if named.count(i) > 1})
        if twice:
            raise ModelError("each system is kept, migrated or retired once: {ids} named twice", ids=", ".join(twice))
        if len(named) < 2:
            raise ModelError("a consolidation names at least two systems (keep, migrate, retire)")
        if len(self.keep) > 1 and not (self.reason or "").strip():
            raise ModelError("keeping more than one system needs a reason (reason: …)")
        return self

    def actions(self) -> dict[str, str]:
        """Each system of the set and what happens to it: keep, migrate or retire."""
        out = {i: "keep" for i in self.keep}
        out.update({i: "migrate" for i in self.migrate})
        out.update({i: "retire" for i in self.retire})
        return out

    def collect_relations(self, out: list[Relation]) -> None:
        super().collect_relations(out)
        new = tuple.__new__
        me = self.id
        for field in ("keep", "migrate", "retire"):
            for i, target in enumerate(getattr(self, field)):
                out.append(new(Relation, (me, "governs", target, None, (field, i), me)))
        if self.decided_by is not None:
            out.append(new(Relation, (me, "complies_with", self.decided_by, None, ("decided_by",), me)))


class Plateau(Element):
    """A stable state of the architecture at a date or period (giai đoạn)."""

    layer = "roadmap"
    kind: Literal["plateau"]
    start: Date | None = None
    end: Date | None = None


class Grouping(Element):
    """Elements that belong together by some criterion (ArchiMate Grouping, nhóm).

    ArchiMate puts Grouping outside the layers; kientruc draws it in the business band
    (an assumption of kientruc, not of the specification)."""

    layer = "business"
    kind: Literal["grouping"]


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
    Location,
    SecurityService,
    SecurityControl,
    Project,
    WorkPackage,
    Plateau,
    Consolidation,
    Grouping,
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
"""The layers, in the order the framework draws them; their names are in the message catalogue (kientruc.i18n, keys model.layers.*)."""


def _kind_of(cls: type[Element]) -> str:
    (kind,) = cls.model_fields["kind"].annotation.__args__  # type: ignore[union-attr]
    return kind


KIND_CLASSES: dict[str, type[Element]] = {_kind_of(c): c for c in ELEMENT_CLASSES}
KINDS: tuple[str, ...] = tuple(KIND_CLASSES)
LAYER_OF: dict[str, str] = {k: c.layer for k, c in KIND_CLASSES.items()}

AnyElement = Annotated[Union[ELEMENT_CLASSES], Field(discriminator="kind")]  # type: ignore[valid-type]
"""Any element, told apart by its ``kind``."""

ELEMENT_LIST = TypeAdapter(list[AnyElement], config=ConfigDict(defer_build=True))
"""Validates one model file: a list of elements."""
