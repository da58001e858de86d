"""Rule DOC001 (qlvb-not-connected-to-axis):
the document management system is not connected to the national document axis.
"""

from __future__ import annotations

from typing import Iterator

from ...registry import RuleContext, Violation, rule
from .._common import check_connections


@rule(
    code="DOC001",
    name="qlvb-not-connected-to-axis",
    title="The document management system is not connected to the national document axis",
    title_vi="Hệ thống quản lý văn bản và điều hành chưa kết nối Trục liên thông văn bản quốc gia",
    family="documents",
    scope="province",
    legal_basis=("Quyết định 28/2018/QĐ-TTg ngày 12/7/2018", "Nghị định 30/2020/NĐ-CP"),
    confidence="high",
)
def qlvb_not_connected_to_axis(ctx: RuleContext) -> Iterator[Violation]:
    """
    Checks:
        From 12/3/2019 (when the national axis began operating), the architecture has a
        document management system (``system_type: document_management``), and each one
        is related to the Trục liên thông văn bản quốc gia (an external
        ``integration_platform`` with ``platform_type: document_axis``), directly or
        through a provincial platform (the LGSP, a provincial document gateway). The
        profile's national connection ``qlvb-axis`` defines what is checked.
        In a model of several provinces (several UBND tỉnh), each province is judged
        on its own elements (those of its UBND tỉnh, its agencies and what they own)
        and the finding is on its UBND tỉnh.

    Kiểm tra:
        Từ ngày 12/3/2019 (khi Trục liên thông văn bản quốc gia đi vào vận hành), kiến trúc
        có hệ thống quản lý văn bản và điều hành (``system_type: document_management``), và
        mỗi hệ thống có quan hệ với Trục liên thông văn bản quốc gia (``integration_platform``
        bên ngoài có ``platform_type: document_axis``), trực tiếp hoặc qua một nền tảng của
        tỉnh (LGSP, trục liên thông văn bản của tỉnh). Kết nối quốc gia ``qlvb-axis`` của hồ
        sơ khung kiến trúc quy định nội dung kiểm tra.
        Trong mô hình nhiều tỉnh (nhiều UBND tỉnh), mỗi tỉnh được đánh giá trên các phần
        tử của riêng tỉnh đó (UBND tỉnh, các cơ quan của tỉnh và những gì họ sở hữu), và phát
        hiện được gắn với UBND tỉnh đó.

    Why:
        QĐ 28/2018/QĐ-TTg makes agencies send and receive electronic documents between
        their document management systems through the national axis run by the
        Government Office (launched 12/3/2019; every province connected). A system not
        on the axis forces paper or e-mail for documents between levels.

    Lý do:
        Quyết định 28/2018/QĐ-TTg quy định các cơ quan gửi, nhận văn bản điện tử giữa các
        hệ thống quản lý văn bản và điều hành qua Trục liên thông văn bản quốc gia do Văn
        phòng Chính phủ vận hành (khai trương 12/3/2019; tất cả các tỉnh đã kết nối). Hệ
        thống không kết nối trục buộc văn bản giữa các cấp phải đi bằng giấy hoặc thư điện
        tử.

    Fails:
        ```yaml
        - id: qlvb-dh
          kind: application
          name: Hệ thống quản lý văn bản và điều hành tỉnh Thừa Thiên Huế
          system_type: document_management
        - id: truc-lien-thong
          kind: integration_platform
          name: Trục liên thông văn bản quốc gia
          platform_type: document_axis
          external: true
        ```

    Passes:
        ```yaml
        - id: qlvb-dh
          kind: application
          name: Hệ thống quản lý văn bản và điều hành tỉnh Thừa Thiên Huế
          system_type: document_management
          integrates_via: [lgsp-hue]
        - id: lgsp-hue
          kind: integration_platform
          name: Nền tảng tích hợp, chia sẻ dữ liệu tỉnh Thừa Thiên Huế
          platform_type: lgsp
          connects_to: [truc-lien-thong]
        - id: truc-lien-thong
          kind: integration_platform
          name: Trục liên thông văn bản quốc gia
          platform_type: document_axis
          external: true
        ```
    """
    yield from check_connections(ctx, "DOC001")
