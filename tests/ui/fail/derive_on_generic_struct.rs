use mpkit::MiniProgramApi;

#[derive(MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo")]
pub struct WxGetUserInfo<T>(std::marker::PhantomData<T>);

fn main() {}
