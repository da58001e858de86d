"""Rule ARCH002 (framework-component-missing):
a component or layer of the framework is missing from the architecture.
"""

from __future__ import annotations

from typing import Iterator

from ....frameworks import matches_any
from ...registry import RuleContext, Violation, rule
from .._common import about_province
from ....i18n import Named, Term, msg


@rule(
    code="ARCH002",
    name="framework-component-missing",
    title="A component or layer of the framework is missing from the architecture",
    title_vi="Kiến trúc thiếu một thành phần (lớp) của khung kiến trúc",
    family="architecture",
    legal_basis=(
        "Văn bản 1178/BTTTT-THH (sơ đồ tổng thể Khung 1.0)",
        "Quyết định 2323/QĐ-BTTTT (các thành phần Khung 2.0; Bình Dương 2020)",
        "Quyết định 3090/QĐ-BKHCN ngày 08/10/2025 (bốn lớp chức năng)",
    ),
    confidence="medium",
)
def framework_component_missing(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        On the day checked, the graph has at least one element in each component (or
        layer) of the profile's ``components``. Framework 1.0: users, channels,
        applications and databases, integration (LGSP), technical infrastructure,
        security, management and policy, national and external systems. Frameworks 2.0 to
        4.0: the seven components of a v2.0 provincial architecture (users; channels;
        data and applications; engineering and technology; security; direction and
        policy; external systems). National digital architecture (3090): its four layers.

    Kiểm tra:
        Vào ngày kiểm tra, đồ thị có ít nhất một phần tử trong mỗi thành phần (lớp) thuộc
        ``components`` của hồ sơ khung. Khung 1.0: người sử dụng, kênh giao tiếp, ứng dụng
        và cơ sở dữ liệu, tích hợp (LGSP), hạ tầng kỹ thuật, an toàn thông tin, quản lý –
        chỉ đạo – chính sách, hệ thống quốc gia và bên ngoài. Khung 2.0 tới 4.0: bảy thành
        phần của kiến trúc cấp tỉnh phiên bản 2.0 (người sử dụng; kênh giao tiếp; dữ liệu và
        ứng dụng; kỹ thuật – công nghệ; an toàn thông tin; chỉ đạo, chính sách; các hệ thống
        ngoài). Khung kiến trúc tổng thể quốc gia số (3090): bốn lớp chức năng.

    Why:
        The overview diagram of each framework names the components a provincial
        architecture is built from; a missing one is a whole part of the architecture
        left undescribed. The four 3090 layers are verified (high confidence); the v1.0
        layers and the v2.0 components are reconstructed from provincial documents (Bình
        Dương's v2.0 is verified), and the 3.0/4.0 components were not retrieved, so
        kientruc keeps the v2.0 ones for them.

    Lý do:
        Sơ đồ tổng thể của mỗi phiên bản khung nêu các thành phần tạo nên kiến trúc cấp
        tỉnh; thiếu một thành phần là bỏ trống cả một phần của kiến trúc. Bốn lớp của 3090
        đã được xác minh (độ tin cậy cao); các lớp của Khung 1.0 và thành phần của Khung 2.0
        được dựng lại từ tài liệu của các tỉnh (kiến trúc 2.0 của Bình Dương đã xác minh),
        còn thành phần của Khung 3.0/4.0 chưa thu thập được, nên kientruc dùng lại bảy thành
        phần của 2.0.

    Fails:
        ```yaml
        # architecture.yaml: {profile: vn-digital-nation-2025}
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Gia Lai
          system_type: tthc
        ```

    Passes:
        ```yaml
        # architecture.yaml: {profile: vn-digital-nation-2025}
        - id: ttdl-gia-lai
          kind: node
          name: Trung tâm dữ liệu tỉnh Gia Lai
          node_type: data_centre
        - id: lgsp-gia-lai
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Gia Lai
          platform_type: lgsp
        - id: he-thong-tthc
          kind: application
          name: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Gia Lai
          system_type: tthc
        - id: ung-dung-cong-dan
          kind: channel
          name: Ứng dụng Gia Lai Số
          channel_type: mobile_app
        ```
    """
    profile = ctx.profile
    if profile is None:
        return
    elements = list(ctx.graph.elements())
    for comp in profile.components:
        if any(matches_any(comp.match, e) for e in elements):
            continue
        unsure = None if comp.confidence == "high" else Term("confidence", comp.confidence)
        yield about_province(
            ctx,
            msg("no element of the component '{component}' of {profile} on this day", component=Named.of(comp.id, vi=comp.title, en=comp.title_en), profile=Named.of(profile.id, vi=profile.title, en=profile.title_en))
            if unsure is None else
            msg("no element of the component '{component}' of {profile} on this day (the component list is of {confidence})", component=Named.of(comp.id, vi=comp.title, en=comp.title_en), profile=Named.of(profile.id, vi=profile.title, en=profile.title_en), confidence=unsure),
            key=comp.id,
            hint=msg("add it: {selectors}", selectors=" | ".join(s.describe() for s in comp.match)),
        )
